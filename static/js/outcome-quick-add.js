/*
 * An agenda item's outcomes in the meeting editor: under Wagtail's list, one button per kind
 * ("Add a decision", "Add an action point") that adds an outcome of that kind at the end of
 * the list and puts the cursor in its text, so each outcome costs one click and its words.
 * The buttons' labels come translated from the block's definition (meetings/models/blocks.py).
 */
(function () {
  "use strict";

  var streamField = window.wagtailStreamField;
  if (!streamField || !window.telepath) {
    return;
  }

  class OutcomeListBlockDefinition extends streamField.blocks.ListBlockDefinition {
    render(placeholder, prefix, initialState, initialError) {
      var list = super.render(placeholder, prefix, initialState, initialError);
      var definition = this;
      var bar = document.createElement("div");
      bar.className = "outcome-quick-add";
      (this.meta.quickAdd || []).forEach(function (choice) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small button-secondary";
        button.dataset.outcomeKind = choice[0];
        button.textContent = choice[1];
        button.addEventListener("click", function () {
          // A radio select's state is the list of its checked values.
          var state = Object.assign({}, definition.initialChildState, { kind: [choice[0]] });
          list.insert(state, list.children.length, { animate: true, focus: true });
        });
        bar.appendChild(button);
      });
      list.container[0].after(bar);
      return list;
    }
  }

  window.telepath.register("meetings.blocks.OutcomeListBlock", OutcomeListBlockDefinition);
})();
