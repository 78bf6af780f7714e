"""A small, valid content file that the unit tests change one line at a time."""

VALID = """\
site:
  name: "Test quiz"
  exit_url: "https://www.bbc.co.uk/weather"
  reviewed: 2026-11-25
  about:
    title: "About this quiz"
    intro: "Where the words come from."
    sections:
      - heading: "Sources"
        paragraphs:
          - "Written in our own words."
    care_heading: "Who looks after it"
    owner_label: "Published by"
    school_reviewed_label: "Last reviewed"
    next_review_label: "Next review"
    not_set: "Not set yet"
    reviewed_label: "Last checked"
    report_label: "Report a mistake"
    no_owner:
      heading: "No named owner yet"
      paragraphs:
        - "Name one before using it with pupils."
help:
  panel_heading: "Need help now?"
  school_label: "In school, talk to"
  contacts:
    - id: childline
      action: "Call Childline on 0800 1111"
      href: "tel:08001111"
      detail: "Free and private."
    - id: adult
      action: "Tell an adult you trust"
      detail: "Someone you feel safe with."
  reminder: "It is never your fault."
  page:
    title: "Get help"
    intro: "Help is here."
    sections:
      - heading: "Childline"
        paragraphs:
          - "Call 0800 1111."
  shared_device:
    text: "Back can still show this quiz."
    link: "Use a private window"
  private:
    title: "Use a private window"
    intro: "A private window keeps no history."
    sections:
      - heading: "Chrome"
        paragraphs:
          - "Tap New Incognito tab."
classroom:
  guidance:
    text: "Video chat guidance"
    href: "https://www.ceopeducation.co.uk/"
  ground_rules:
    heading: "Before we begin"
    steps:
      - "We talk about a young person, not anyone here."
    note: "Agree them."
  baseline:
    heading: "On your own"
    steps:
      - "Write down three things."
    note: "Three minutes."
  endpoint:
    heading: "Look back"
    steps:
      - "Which were lies?"
    note: "Look back."
  teacher_notes:
    title: "Teacher notes"
    disclosure:
      heading: "If a pupil tells you something"
      paragraphs:
        - "Follow your safeguarding policy."
    preparation:
      heading: "Before the lesson"
      paragraphs:
        - "Tell your DSL."
    aims:
      - "Pupils know where to get help."
    timings:
      - step: "Cards"
        what: "Decide, then reveal."
        short: "20"
        full: "40"
    private_vote:
      heading: "Private voting"
      paragraphs:
        - "No show of hands."
    sections:
      - heading: "Ground rules"
        paragraphs:
          - "Agree them first."
  handout:
    title: "Video chat: the facts"
    intro: "Keep this."
    address: "Come back any time:"
    threatened:
      heading: "If someone threatens you"
      paragraphs:
        - "Tell someone."
    online:
      - text: "Childline online"
        href: "https://www.childline.org.uk/"
  contacts_card:
    title: "Someone to talk to"
    contacts:
      - id: childline
        action: "Childline: 0800 1111"
        detail: "Free."
    reminder: "It is never too late."
  letter:
    title: "A letter home"
    intro: "Dear parent or carer."
    sections:
      - heading: "The lesson"
        paragraphs:
          - "A quiz."
  briefing:
    title: "DSL briefing"
    intro: "For the DSL."
    sections:
      - heading: "The lesson"
        paragraphs:
          - "A quiz."
  help_addresses: "childline.org.uk"
decks:
  - id: sample
    title: "Sample deck"
    intro:
      - "An intro."
    content_note: "A note."
    end_heading: "The end"
    end_message: "Thanks."
    cards:
      - id: first
        lead: "Someone says:"
        statement: "Video chat is private."
        answer: false
        fact: "It can be recorded."
        recap: "Video chat can be recorded."
        source: "So what?"
        sensitive: true
        teacher_note: "Use a private vote."
        discuss:
          - ask: "Why might it feel private?"
            answer: "It is live and nothing seems saved."
      - id: second
        lead: "Someone says:"
        statement: "It is never too late to get help."
        answer: true
        fact: "There is always help."
        recap: "It is never too late."
        source: "How can I be safer on camera?"
"""


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing needle."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in sample")
