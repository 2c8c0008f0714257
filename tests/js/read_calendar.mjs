// Reads an iCalendar feed on standard input with ical.js and prints its events as JSON:
// uid, summary, status, sequence and the start in UTC, the way a calendar application sees them.
import ICAL from "ical.js";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) {
    text += chunk;
}
const calendar = new ICAL.Component(ICAL.parse(text));
// As a calendar application does: the feed's own time zone definitions first.
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
        uid: event.uid,
        summary: event.summary,
        status: component.getFirstPropertyValue("status"),
        sequence: event.sequence,
        start: event.startDate.toJSDate().toISOString(),
    };
});
process.stdout.write(JSON.stringify(events));
