"""A small, valid content file that the unit tests change one line at a time."""

VALID = """\
site:
  name: "Test quiz"
  exit_url: "https://www.bbc.co.uk/weather"
  maintainer: "The test team"
  reviewed: 2026-11-25
  report_mistake: "mailto:mistakes@example.org"
  about:
    title: "About this quiz"
    intro: "Where the words come from."
    sections:
      - heading: "Sources"
        paragraphs:
          - "Written in our own words."
    care_heading: "Who looks after it"
    maintainer_label: "Looked after by"
    reviewed_label: "Last checked"
    report_label: "Report a mistake"
help:
  panel_heading: "Need help now?"
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
classroom:
  ground_rules_heading: "Before we begin"
  ground_rules:
    - "We talk about a young person, not anyone here."
  teacher_notes:
    title: "Teacher notes"
    aims:
      - "Pupils know where to get help."
    duration: "About 30 minutes."
    sections:
      - heading: "Ground rules"
        paragraphs:
          - "Agree them first."
    disclosure:
      heading: "If a pupil tells you something"
      paragraphs:
        - "Follow your safeguarding policy."
  handout_title: "Video chat: the facts"
  handout_intro: "Keep this."
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
