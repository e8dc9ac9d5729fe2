/* Examples of integrations: what Zulip's web app does to a rendered message
 * (spoilers that open, times in the reader's zone), payloads and message
 * sources loaded when their disclosure opens, and "Copy as curl".
 * Without this script everything still reads: spoilers stay open, times
 * show in UTC, a payload's or a message source's disclosure links to its
 * raw file, and there is no curl button. */
(function () {
  "use strict";

  var STORAGE_KEY = "zulip-integrations.webhook-url";
  var SITE_PLACEHOLDER = "https://your-org.zulipchat.com";

  document.documentElement.classList.add("zi-js");

  /* Spoilers ------------------------------------------------------------ */

  function setSpoiler(block, open) {
    var header = block.querySelector(":scope > .spoiler-header");
    var content = block.querySelector(":scope > .spoiler-content");
    block.classList.toggle("spoiler-block-open", open);
    header.setAttribute("aria-expanded", open ? "true" : "false");
    content.setAttribute("aria-hidden", open ? "false" : "true");
  }

  function prepareSpoiler(block) {
    var header = block.querySelector(":scope > .spoiler-header");
    var content = block.querySelector(":scope > .spoiler-content");
    if (!header || !content) {
      return;
    }
    if (header.textContent.trim() === "") {
      // Zulip's default header, added by its web app too.
      var label = document.createElement("p");
      label.textContent = "Spoiler";
      header.appendChild(label);
    }
    var arrow = document.createElement("span");
    arrow.className = "spoiler-button";
    arrow.setAttribute("aria-hidden", "true");
    arrow.innerHTML = '<span class="spoiler-arrow"></span>';
    header.insertBefore(arrow, header.firstChild);
    header.setAttribute("role", "button");
    header.setAttribute("tabindex", "0");
    setSpoiler(block, false);
    header.addEventListener("click", function (event) {
      if (event.target.closest("a")) {
        return; // a link in the header goes where it points
      }
      setSpoiler(block, !block.classList.contains("spoiler-block-open"));
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        setSpoiler(block, !block.classList.contains("spoiler-block-open"));
      }
    });
  }

  /* Times ----------------------------------------------------------------- */

  var longTime = { weekday: "short", year: "numeric", month: "short", day: "numeric",
                   hour: "numeric", minute: "2-digit" };

  function localiseTime(element) {
    var moment = new Date(element.getAttribute("datetime"));
    if (isNaN(moment.getTime())) {
      return;
    }
    element.title = element.textContent + " (shown in your time zone)";
    element.textContent = moment.toLocaleString(undefined, longTime);
  }

  function clockTime() {
    return new Date().toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  }

  /* Copy as curl ------------------------------------------------------------ */

  function shellQuote(text) {
    return "'" + text.replace(/'/g, "'\\''") + "'";
  }

  function queryNames(url) {
    var query = url.split("#")[0].split("?").slice(1).join("?");
    return query.split("&").filter(Boolean).map(function (part) {
      try {
        return decodeURIComponent(part.split("=")[0].replace(/\+/g, " "));
      } catch (error) {
        return part.split("=")[0];
      }
    });
  }

  /* The URL typed, plus the example's own parameters it does not set. */
  function targetUrl(typed, exampleQuery) {
    var url = typed.trim();
    var present = queryNames(url);
    exampleQuery.forEach(function (pair) {
      if (present.indexOf(pair[0]) !== -1) {
        return;
      }
      var separator = url.indexOf("?") === -1 ? "?" : /[?&]$/.test(url) ? "" : "&";
      url += separator + encodeURIComponent(pair[0]) + "=" + encodeURIComponent(pair[1]);
    });
    return url;
  }

  function curlCommand(url, headers, body) {
    var lines = ["curl -X POST " + shellQuote(url)];
    headers.forEach(function (header) {
      lines.push("  -H " + shellQuote(header[0] + ": " + header[1]));
    });
    lines.push("  --data-binary " + shellQuote(body));
    return lines.join(" \\\n");
  }

  /* Payloads and message sources ------------------------------------------------ */

  /* The block a disclosure shows: in the page, or fetched (once) from the
     highlighted file the build wrote beside the raw one it links to. */
  function loadBlock(details) {
    var block = details.querySelector(".highlight pre");
    if (block) {
      return Promise.resolve(block);
    }
    if (!details.ziLoading) {
      var link = details.querySelector("a.zi-file");
      details.ziLoading = fetch(link.getAttribute("href") + ".html")
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.text();
        })
        .then(function (markup) {
          var holder = document.createElement("div");
          holder.innerHTML = markup; // the build's own highlighted block
          details.appendChild(holder.firstElementChild);
          return details.querySelector(".highlight pre");
        })
        .catch(function (error) {
          details.ziLoading = null; // opening it again tries again
          var note = details.querySelector(".zi-file-error") || document.createElement("span");
          note.className = "zi-file-error";
          note.textContent = " (it could not be loaded here: " + error.message + ")";
          link.after(note);
          throw error;
        });
    }
    return details.ziLoading;
  }

  function prepareDisclosure(details) {
    if (!details.querySelector(".zi-file")) {
      return; // written in the page
    }
    details.addEventListener("toggle", function () {
      if (details.open) {
        loadBlock(details).catch(function () { /* the note says so */ });
      }
    });
  }

  function readRequest(example) {
    var lines = example.querySelector(".zi-headers pre").textContent.replace(/\n$/, "").split("\n");
    var path = lines[0].split(" ")[1];
    var headers = lines.slice(1).map(function (line) {
      var at = line.indexOf(": ");
      return [line.slice(0, at), line.slice(at + 2)];
    });
    var query = [];
    new URLSearchParams(path.split("?")[1] || "").forEach(function (value, name) {
      if (name !== "api_key" && name !== "stream") {
        query.push([name, value]);
      }
    });
    return loadBlock(example.querySelector(".zi-payload")).then(function (body) {
      return { path: path.split("?")[0], query: query, headers: headers, body: body.textContent };
    });
  }

  function defaultUrl(request) {
    var saved = null;
    try {
      saved = window.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      saved = null; // storage may be off; the placeholder will do
    }
    var built = document.querySelector(".zi-url-builder[data-complete='true'] .zi-url-result");
    if (built) {
      return built.textContent;
    }
    return saved || SITE_PLACEHOLDER + request.path + "?api_key=BOT_API_KEY&stream=STREAM";
  }

  function copyText(text, button) {
    var done = function () {
      button.textContent = "Copied";
      window.setTimeout(function () { button.textContent = "Copy"; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        button.textContent = "Select and copy the command";
      });
    } else {
      button.textContent = "Select and copy the command";
    }
  }

  function openCurlPanel(button) {
    var existing = button.nextElementSibling;
    if (existing && existing.classList.contains("zi-curl-panel")) {
      existing.hidden = !existing.hidden;
      button.setAttribute("aria-expanded", existing.hidden ? "false" : "true");
      return;
    }
    var example = button.closest(".zi-example");
    button.disabled = true;
    readRequest(example).then(function (request) {
      button.disabled = false;
      showCurlPanel(button, example, request);
    }, function () {
      button.disabled = false;
      button.textContent = "Copy as curl (the payload could not be loaded)";
    });
  }

  function showCurlPanel(button, example, request) {
    var panel = document.createElement("div");
    panel.className = "zi-curl-panel";
    var id = example.id + "-curl-url";
    panel.innerHTML =
      '<label for="' + id + '">Send this example to your webhook URL</label>' +
      '<input type="url" class="zi-curl-url" id="' + id + '" spellcheck="false">' +
      '<div class="highlight-shell notranslate"><div class="highlight">' +
      '<pre class="zi-curl-command"></pre></div></div>' +
      '<button type="button" class="zi-curl-copy">Copy</button>';
    var input = panel.querySelector("input");
    var output = panel.querySelector("pre");
    var update = function () {
      output.textContent = curlCommand(targetUrl(input.value, request.query), request.headers,
                                       request.body);
    };
    input.value = defaultUrl(request);
    input.addEventListener("input", function () {
      update();
      try {
        window.localStorage.setItem(STORAGE_KEY, input.value);
      } catch (error) {
        /* not remembered; nothing else depends on it */
      }
    });
    panel.querySelector(".zi-curl-copy").addEventListener("click", function (event) {
      copyText(output.textContent, event.currentTarget);
    });
    update();
    button.after(panel);
    button.setAttribute("aria-expanded", "true");
    copyText(output.textContent, panel.querySelector(".zi-curl-copy"));
  }

  /* Start --------------------------------------------------------------------- */

  function start() {
    document.querySelectorAll(".rendered_markdown .spoiler-block").forEach(prepareSpoiler);
    document.querySelectorAll(".rendered_markdown time[datetime]").forEach(localiseTime);
    var now = clockTime();
    document.querySelectorAll(".zi-message-time").forEach(function (element) {
      element.textContent = now;
    });
    document.querySelectorAll("details.zi-payload, details.zi-message-source")
      .forEach(prepareDisclosure);
    document.querySelectorAll(".zi-request > .zi-headers").forEach(function (request) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "zi-curl-button";
      button.textContent = "Copy as curl";
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function () { openCurlPanel(button); });
      request.after(button);
    });
  }

  window.zulipExamples = { curlCommand: curlCommand, targetUrl: targetUrl };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
