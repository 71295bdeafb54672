// Confirmation before destructive actions (see portal/core/confirm.py). A form with
// data-confirm asks its question in the native <dialog id="confirm-dialog">; "yes"
// posts it with confirmed=1. Without this script the server asks on a page instead.
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var pending = null;

  function confirmAndSubmit(form, submitter) {
    var flag = form.querySelector("input[name=confirmed]");
    if (!flag) {
      flag = document.createElement("input");
      flag.type = "hidden";
      flag.name = "confirmed";
      form.appendChild(flag);
    }
    flag.value = "1";
    if (submitter && submitter.name) {
      var carried = document.createElement("input");
      carried.type = "hidden";
      carried.name = submitter.name;
      carried.value = submitter.value;
      form.appendChild(carried);
    }
    form.submit();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    // The question sits on the form, or on one of its buttons (a step form whose
    // refusing buttons ask and whose other buttons do not).
    var submitter = event.submitter || null;
    var source = submitter && submitter.dataset.confirm ? submitter : form;
    if (!source.dataset.confirm) {
      return;
    }
    var flag = form.querySelector("input[name=confirmed]");
    if (flag && flag.value === "1") {
      return;
    }
    if (!form.checkValidity()) {
      return;
    }
    event.preventDefault();
    pending = { form: form, submitter: submitter };
    document.getElementById("confirm-dialog-question").textContent = source.dataset.confirm;
    document.getElementById("confirm-dialog-consequence").textContent =
      source.dataset.consequence || "";
    var yes = document.getElementById("confirm-dialog-yes");
    yes.textContent = source.dataset.confirmLabel || yes.dataset.defaultLabel;
    dialog.returnValue = "";
    dialog.showModal();
    document.getElementById("confirm-dialog-no").focus();
  });

  var yesButton = document.getElementById("confirm-dialog-yes");
  yesButton.dataset.defaultLabel = yesButton.textContent;
  [yesButton, document.getElementById("confirm-dialog-no")].forEach(function (button) {
    button.addEventListener("click", function () {
      dialog.close(button.value);
    });
  });

  dialog.addEventListener("close", function () {
    var chosen = pending;
    pending = null;
    if (chosen && dialog.returnValue === "confirm") {
      confirmAndSubmit(chosen.form, chosen.submitter);
    } else if (chosen && chosen.submitter) {
      chosen.submitter.focus();
    }
  });
})();
