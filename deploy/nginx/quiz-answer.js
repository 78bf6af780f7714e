// nginx's own answer to a card's True or False button, for pupils without JavaScript
// (njs, Debian's libnginx-mod-http-js; quiz.conf.template sends here only a POST with no
// query string to a card's address as the app writes it).
//
// The answer page is the same for everyone: the app renders every card's two at start-up,
// and `flask nginx-pages` writes each card's pair into one file, True then False, the same
// length (quiz/nginx_pages.py). So a request sent exactly as a button sends it is answered
// here with half of that file, at file-server speed, where through gunicorn a request
// waited behind the 63 before it (README, "Figures"). Anything else, and any doubt, goes to
// the app (@quiz), which answers it as it always has: another body or Content-Type, two
// Content-Types, no file for the address (not a card, or a card the new questions.yaml
// no longer has).
//
// The file is read whole for each request, through the `current` link: both answers at
// once, so that when it was read tells nothing of which was given, and from the set of
// pages being served now, so that a deploy switches answers with the cards. Nothing here
// is kept between requests, logged or cached; the headers are the location's.

import fs from 'fs';

// The bodies the buttons send (quiz/forms.py, BUTTON_ANSWERS), and the half of the file
// each answer is: 0 for True, 1 for False.
const HALF = {
    'answer=T': 0,
    'answer=F': 1,
    'answer=true': 0,
    'answer=false': 1,
};

// What a browser sends the form as (quiz/forms.py, URLENCODED); the app reads a body of
// any other type, or with a charset, through Werkzeug, which is the app's to do.
const URLENCODED = 'application/x-www-form-urlencoded';

function sentAsAButton(r) {
    const types = r.rawHeadersIn.filter((header) => header[0].toLowerCase() === 'content-type');
    return types.length === 1 && types[0][1] === URLENCODED
        && Object.prototype.hasOwnProperty.call(HALF, r.requestText);
}

function answer(r) {
    if (!sentAsAButton(r)) {
        r.internalRedirect('@quiz');
        return;
    }
    let both;
    try {
        both = fs.readFileSync(`${r.variables.document_root}/answers${r.uri}`);
    } catch (e) {
        r.internalRedirect('@quiz');
        return;
    }
    const length = both.length / 2;
    const start = HALF[r.requestText] * length;
    r.return(200, both.subarray(start, start + length));
}

export default { answer };
