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
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) {
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
    pending = { form: form, submitter: event.submitter || null };
    document.getElementById("confirm-dialog-question").textContent = form.dataset.confirm;
    document.getElementById("confirm-dialog-consequence").textContent =
      form.dataset.consequence || "";
    var yes = document.getElementById("confirm-dialog-yes");
    yes.textContent = form.dataset.confirmLabel || yes.dataset.defaultLabel || yes.textContent;
    dialog.returnValue = "";
    dialog.showModal();
    document.getElementById("confirm-dialog-no").focus();
  });

  var yesButton = document.getElementById("confirm-dialog-yes");
  yesButton.dataset.defaultLabel = yesButton.textContent;

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
