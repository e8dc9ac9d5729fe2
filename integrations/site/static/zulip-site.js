/* The reader's site: the catalog's filters and the webhook URL builder.
 * The URL format is documented in integrations/site/webhook_url.py (and the
 * guide); the browser tests check this script against it. */
(function () {
  "use strict";

  /* Catalog -------------------------------------------------------------- */

  function startCatalog(catalog) {
    var controls = catalog.querySelector(".zi-catalog-controls");
    var search = controls.querySelector("input[type=search]");
    var buttons = Array.prototype.slice.call(controls.querySelectorAll("button[data-category]"));
    var cards = Array.prototype.slice.call(catalog.querySelectorAll(".zi-card"));
    var status = controls.querySelector(".zi-catalog-status");
    var empty = catalog.querySelector(".zi-catalog-empty");
    var category = "";

    function apply() {
      var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      cards.forEach(function (card) {
        var name = card.getAttribute("data-name");
        var categories = card.getAttribute("data-categories").split(" ");
        var visible = (category === "" || categories.indexOf(category) !== -1) &&
          words.every(function (word) { return name.indexOf(word) !== -1; });
        card.hidden = !visible;
        if (visible) {
          shown += 1;
        }
      });
      status.textContent = shown === cards.length
        ? cards.length + " integrations"
        : shown + " of " + cards.length + " integrations";
      empty.hidden = shown !== 0;
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        category = button.getAttribute("data-category");
        buttons.forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
        apply();
      });
    });
    search.addEventListener("input", apply);
    controls.hidden = false;
    apply();
  }

  /* Webhook URL builder ------------------------------------------------------ */

  var SITE_PLACEHOLDER = "https://your-org.zulipchat.com";

  function normalizeSite(site) {
    site = site.trim().replace(/\/+$/, "");
    if (!site) {
      return SITE_PLACEHOLDER;
    }
    return site.indexOf("://") === -1 ? "https://" + site : site;
  }

  function webhookUrl(settings) {
    var query = "api_key=" + encodeURIComponent(settings.apiKey.trim() || "BOT_API_KEY") +
      "&stream=" + encodeURIComponent(settings.stream.trim() || "STREAM");
    if (settings.topic.trim()) {
      query += "&topic=" + encodeURIComponent(settings.topic.trim());
    }
    if (settings.events !== "all" && settings.selected.length) {
      query += "&" + settings.events + "_events=" +
        settings.selected.map(encodeURIComponent).join(",");
    }
    (settings.options || []).forEach(function (option) {
      if (option[1].trim()) {
        query += "&" + encodeURIComponent(option[0]) + "=" + encodeURIComponent(option[1].trim());
      }
    });
    return normalizeSite(settings.site) + "/api/v1/external/" +
      encodeURIComponent(settings.integration) + "?" + query;
  }

  function startBuilder(form) {
    var result = form.querySelector(".zi-url-result");
    var copy = form.querySelector(".zi-url-copy");
    var missing = form.querySelector(".zi-url-missing");
    var list = form.querySelector(".zi-event-list");

    function value(name) {
      return form.elements.namedItem(name).value;
    }

    function update() {
      var mode = form.querySelector("input[name=events]:checked").value;
      var selected = Array.prototype.slice
        .call(form.querySelectorAll("input[name=event]:checked"))
        .map(function (box) { return box.value; });
      var options = Array.prototype.slice
        .call(form.querySelectorAll("[data-option]"))
        .map(function (field) {
          var given = field.type === "checkbox" ? (field.checked ? field.value : "") : field.value;
          return [field.getAttribute("data-option"), given];
        });
      var settings = {
        integration: form.getAttribute("data-integration"),
        site: value("site"), apiKey: value("api_key"), stream: value("stream"),
        topic: value("topic"), events: mode, selected: selected, options: options
      };
      var complete = [settings.site, settings.apiKey, settings.stream].every(function (text) {
        return text.trim() !== "";
      });
      result.textContent = webhookUrl(settings);
      form.setAttribute("data-complete", complete ? "true" : "false");
      missing.hidden = complete;
      list.hidden = mode === "all";
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    copy.hidden = false;
    copy.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(result.textContent).then(function () {
          copy.textContent = "Copied";
          window.setTimeout(function () { copy.textContent = "Copy the URL"; }, 1500);
        }, function () {
          copy.textContent = "Select and copy the URL";
        });
      } else {
        copy.textContent = "Select and copy the URL";
      }
    });
    update();
  }

  window.zulipSite = { webhookUrl: webhookUrl };

  function start() {
    document.querySelectorAll(".zi-catalog").forEach(startCatalog);
    document.querySelectorAll(".zi-url-builder").forEach(startBuilder);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
