"""What a browser would send for a form as the server rendered it, for tests that change a few
fields of a real admin form and post the rest as it was."""

from html.parser import HTMLParser


class _FormValues(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.in_template = 0
        self.values = []
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id") == self.form_id:
            self.inside = True
        if tag == "template":
            # What a <template> holds (the admin's empty inline forms) is not sent.
            self.in_template += 1
        if not self.inside or self.in_template or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.values.append((name, attributes.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.values.append((name, attributes.get("value") or ""))
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attributes, "first": None}
            self.select["chosen"] = []
        elif tag == "option" and self.select is not None:
            value = attributes.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attributes:
                self.select["chosen"].append(value)
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        elif tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            if not chosen and not self.select["multiple"] and self.select["first"] is not None:
                chosen = [self.select["first"]]
            self.values.extend((self.select["name"], value) for value in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # A browser drops the one newline that follows <textarea>.
            self.values.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def rendered_form(response, form_id="page-edit-form"):
    """The form's fields as the page holds them: {name: [values]}, ready to change and post."""
    parser = _FormValues(form_id)
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    return data
