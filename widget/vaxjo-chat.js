/* Växjö partnership assistant: an embeddable chat widget speaking Rasa's socket.io channel.
 * Embed:  <script src=".../vaxjo-chat.js" data-server="https://bot.example" defer></script>
 * Settings (all optional, data- attributes on that script tag; docs/widget.md):
 *   data-server, data-socket-path, data-language (default <html lang>), data-title, data-color,
 *   data-color-text, data-contact-name, data-contact-phone, data-contact-phone-href, data-contact-email,
 *   data-contact-website, data-contact-phone-international, data-privacy-url, data-accessibility-url,
 *   data-socketio-src, data-storage ("session" or "local").
 * Loads vaxjo-chat-text.js, vaxjo-chat.css and the socket.io client from beside this file. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.VaxjoChat) return;
  var base = script.src.replace(/[^/]*$/, "");
  var data = script.dataset;

  function load(src, done) {
    var s = document.createElement("script");
    s.src = src;
    s.onload = done;
    s.onerror = done;  // the widget still starts, and shows the offline state
    document.head.appendChild(s);
  }
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = data.css || base + "vaxjo-chat.css";
  document.head.appendChild(css);
  load(base + "vaxjo-chat-text.js", function () {
    load(data.socketioSrc || base + "vendor/socket.io.min.js", function () {
      if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
    });
  });

  function luminance(hex) {
    var m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
    if (!m) return null;
    var rgb = [0, 2, 4].map(function (i) {
      var c = parseInt(m[1].substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    if (la === null || lb === null) return 0;
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function start() {
    var T = window.VaxjoChatText;
    if (!T) return;
    var el = T.el;
    var uiLang = T.language(data.language) || T.language(document.documentElement.lang) || "sv";
    var server = data.server || new URL(script.src).origin;
    var storage = data.storage === "local" ? window.localStorage : window.sessionStorage;
    var storageKey = "vaxjo-chat:" + server;
    var state = restore();
    var socket = null, confirmed = false, typingTimer = null, skipFeedback = false;

    function restore() {
      try {
        var saved = JSON.parse(storage.getItem(storageKey) || "null");
        if (saved && Array.isArray(saved.messages)) return saved;
      } catch (e) { /* a broken or blocked storage starts a new conversation */ }
      return { sessionId: null, open: false, messages: [] };
    }
    function save() {
      state.messages = state.messages.slice(-60);
      try { storage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode: not kept */ }
    }

    // --- the elements ---------------------------------------------------------------------------
    var root = el("div", "vc-root");
    root.lang = uiLang;
    if (data.color && contrast(data.color, data.colorText || "#ffffff") >= 4.5) {
      root.style.setProperty("--vc-primary", data.color);
      root.style.setProperty("--vc-on-primary", data.colorText || "#ffffff");
    } else if (data.color) {
      console.warn("vaxjo-chat: data-color is ignored, its contrast with the text colour is below 4.5:1");
    }
    var launcher = el("button", "vc-launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "vc-panel");
    launcher.appendChild(T.icon("chat"));
    launcher.appendChild(el("span", "vc-launcher-text", T.t(uiLang, "open")));

    var panel = el("section", "vc-panel");
    panel.id = "vc-panel";
    panel.hidden = true;
    panel.setAttribute("aria-labelledby", "vc-title");
    var header = el("div", "vc-header");
    var title = el("h2", "vc-title", data.title || T.t(uiLang, "title"));
    title.id = "vc-title";
    var closeButton = el("button", "vc-close");
    closeButton.type = "button";
    closeButton.setAttribute("aria-label", T.t(uiLang, "close"));
    var cross = el("span", null, "×");
    cross.setAttribute("aria-hidden", "true");
    closeButton.appendChild(cross);
    header.appendChild(title);
    header.appendChild(closeButton);

    var log = el("div", "vc-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-labelledby", "vc-title");
    log.tabIndex = 0;  // scrollable by keyboard
    var status = el("div", "vc-status");
    status.setAttribute("role", "status");
    var notice = el("div", "vc-notice");
    notice.hidden = true;

    var form = el("form", "vc-form");
    var label = el("label", "vc-sr-only", T.t(uiLang, "inputLabel"));
    label.htmlFor = "vc-input";
    var input = el("input", "vc-input");
    input.id = "vc-input";
    input.type = "text";
    input.autocomplete = "off";
    input.maxLength = 500;
    input.placeholder = T.t(uiLang, "placeholder");
    input.setAttribute("aria-describedby", "vc-disclosure");
    var send = el("button", "vc-send", T.t(uiLang, "send"));
    send.type = "submit";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);

    [header, log, status, notice, form].forEach(function (n) { panel.appendChild(n); });
    root.appendChild(panel);
    root.appendChild(launcher);
    document.body.appendChild(root);

    // --- the first view: who answers (AI disclosure), links to the privacy notice and accessibility statement ---
    var intro = el("div", "vc-intro");
    var disclosure = el("p", "vc-disclosure",
                        T.t(uiLang, "disclosure", { name: data.contactName || T.t(uiLang, "contactFallback") }));
    disclosure.id = "vc-disclosure";
    intro.appendChild(disclosure);
    var pageLinks = el("ul", "vc-page-links");
    [["privacyUrl", "privacy"], ["accessibilityUrl", "accessibility"]].forEach(function (item) {
      var href = data[item[0]] && T.safeHref(new URL(data[item[0]], document.baseURI).href);
      if (!href) return;
      var a = el("a", "vc-link vc-page-link vc-" + item[1] + "-link", T.t(uiLang, item[1]));
      a.href = href;  // a page of the same site: opens in place, the conversation continues there
      var li = el("li");
      li.appendChild(a);
      pageLinks.appendChild(li);
    });
    if (pageLinks.children.length) intro.appendChild(pageLinks);
    var conversationId = el("p", "vc-conversation-id");
    conversationId.setAttribute("aria-live", "off");  // shown for deletion requests, not announced
    intro.appendChild(conversationId);
    function showConversationId() {
      conversationId.textContent = state.sessionId ? T.t(uiLang, "conversationId", { id: state.sessionId }) : "";
    }
    var phoneLinks = {};  // the contact numbers in answers become tel: links
    var phoneHref = data.contactPhoneHref || (data.contactPhone && "tel:" + data.contactPhone.replace(/[^\d+]/g, ""));
    [data.contactPhone, data.contactPhoneInternational].forEach(function (number) {
      if (number && phoneHref) phoneLinks[number] = phoneHref;
    });

    // --- messages --------------------------------------------------------------------------------
    function render(message, index) {
      var item = el("div", "vc-msg vc-msg-" + message.from);
      var bubble = el("p", "vc-bubble");
      bubble.appendChild(T.visuallyHidden(T.t(uiLang, message.from === "user" ? "you" : "bot") + " "));
      var body = el("span", "vc-text");
      if (message.lang) body.lang = message.lang;
      if (message.from === "bot") T.appendLinkified(body, message.text, uiLang, phoneLinks);
      else body.textContent = message.text;
      bubble.appendChild(body);
      item.appendChild(bubble);
      if (message.buttons && message.buttons.length) item.appendChild(suggestions(message));
      if (message.from === "bot" && message.feedbackable) item.appendChild(feedback(message, index));
      log.appendChild(item);
    }
    function suggestions(message) {
      var group = el("div", "vc-suggestions");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", T.t(uiLang, "suggestions"));
      message.buttons.forEach(function (b) {
        var button = el("button", "vc-suggestion", b.title);
        button.type = "button";
        if (message.lang) button.lang = message.lang;
        button.addEventListener("click", function () { sendMessage(b.payload, b.title); });
        group.appendChild(button);
      });
      return group;
    }
    function feedback(message, index) {
      var group = el("div", "vc-feedback");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", T.t(uiLang, "feedbackGroup"));
      group.lang = uiLang;
      [["up", false, "feedbackUp"], ["down", true, "feedbackDown"]].forEach(function (f) {
        var button = el("button", "vc-feedback-button");
        button.type = "button";
        button.dataset.value = f[0];
        button.setAttribute("aria-label", T.t(uiLang, f[2]));
        button.setAttribute("aria-pressed", String(message.feedback === f[0]));
        button.appendChild(T.icon("thumb", f[1]));
        button.addEventListener("click", function () {
          if (state.messages[index].feedback === f[0]) return;
          if (!emit('/feedback{"feedback_value": "' + f[0] + '"}')) return;
          state.messages[index].feedback = f[0];
          skipFeedback = true;  // the bot's thanks gets no thumbs of its own
          save();
          group.querySelectorAll("button").forEach(function (b) {
            b.setAttribute("aria-pressed", String(b.dataset.value === f[0]));
          });
        });
        group.appendChild(button);
      });
      return group;
    }
    function add(message) {
      state.messages.push(message);
      save();
      render(message, state.messages.length - 1);
      log.scrollTop = log.scrollHeight;
    }
    function renderAll() {
      log.setAttribute("aria-busy", "true");
      log.textContent = "";
      showConversationId();
      log.appendChild(intro);
      state.messages.forEach(render);
      log.setAttribute("aria-busy", "false");
      log.scrollTop = log.scrollHeight;
    }

    // --- states: connecting, typing, offline ----------------------------------------------------
    function setStatus(key) {
      status.textContent = key ? T.t(uiLang, key) : "";
      status.className = "vc-status" + (key ? " vc-status-" + key : "");
      if (key === "typing") {
        var dots = el("span", "vc-dots");
        dots.setAttribute("aria-hidden", "true");
        dots.appendChild(el("span"));
        dots.appendChild(el("span"));
        dots.appendChild(el("span"));
        status.appendChild(dots);
      }
    }
    function typing(on) {
      clearTimeout(typingTimer);
      setStatus(on ? "typing" : null);
      if (on) typingTimer = setTimeout(function () { setStatus(null); }, 30000);
    }
    function contactList() {
      var items = [];
      if (data.contactPhone) items.push([data.contactPhoneHref || "tel:" + data.contactPhone.replace(/[^\d+]/g, ""), data.contactPhone]);
      if (data.contactEmail) items.push(["mailto:" + data.contactEmail, data.contactEmail]);
      if (data.contactWebsite) items.push([data.contactWebsite, data.contactWebsite.replace(/^https?:\/\//, "")]);
      var list = el("ul", "vc-contact");
      items.forEach(function (item) {
        var href = T.safeHref(item[0]);
        if (!href) return;
        var li = el("li");
        li.appendChild(T.link(href, item[1], uiLang));
        list.appendChild(li);
      });
      return list.children.length ? list : null;
    }
    function offline() {
      confirmed = false;
      typing(false);
      setStatus("offline");
      if (!notice.hidden) return;
      notice.textContent = "";
      var list = contactList();
      if (list) {
        notice.appendChild(el("p", null, T.t(uiLang, "contactIntro", { name: data.contactName || T.t(uiLang, "contactFallback") })));
        notice.appendChild(list);
      }
      var retry = el("button", "vc-retry", T.t(uiLang, "retry"));
      retry.type = "button";
      retry.addEventListener("click", function () {
        setStatus("reconnecting");
        if (socket) { socket.disconnect(); socket.connect(); } else connect();
      });
      notice.appendChild(retry);
      notice.hidden = false;
    }
    function online() {
      var hadFocus = notice.contains(document.activeElement);
      notice.hidden = true;
      notice.textContent = "";
      setStatus(null);
      if (hadFocus) input.focus();
    }

    // --- the socket.io channel (Rasa's events: session_request/confirm, user_uttered, bot_uttered) ---
    function connect() {
      if (socket) return;
      if (typeof window.io !== "function") return offline();
      setStatus("connecting");
      socket = window.io(server, {
        path: data.socketPath || "/socket.io", transports: ["websocket"],
        reconnectionDelay: 1000, reconnectionDelayMax: 10000, timeout: 8000
      });
      socket.on("connect", function () { socket.emit("session_request", { session_id: state.sessionId }); });
      socket.on("session_confirm", function (reply) {
        state.sessionId = typeof reply === "string" ? reply : (reply && reply.session_id) || state.sessionId;
        save();
        showConversationId();
        confirmed = true;
        online();
      });
      socket.on("bot_uttered", receive);
      socket.on("connect_error", offline);
      socket.on("disconnect", offline);
    }
    function emit(text) {
      if (!socket || !socket.connected || !confirmed) {
        offline();
        setStatus("notSent");
        return false;
      }
      socket.emit("user_uttered", { message: text, session_id: state.sessionId, customData: { language: uiLang } });
      typing(true);
      return true;
    }
    function sendMessage(text, shown) {
      text = String(text || "").trim();
      if (!text || !emit(text)) return false;
      skipFeedback = false;
      add({ from: "user", text: shown || text, lang: null });
      return true;
    }
    function receive(reply) {
      if (!reply || (!reply.text && !reply.quick_replies)) return;
      typing(false);
      var lang = T.language(reply.metadata && reply.metadata.language) || null;
      var buttons = (reply.quick_replies || reply.buttons || []).map(function (b) {
        return { title: String(b.title || ""), payload: String(b.payload || b.title || "") };
      });
      add({ from: "bot", text: String(reply.text || ""), lang: lang, buttons: buttons, feedbackable: !skipFeedback, feedback: null });
    }

    // --- opening and closing: focus moves in, and back to the launcher; no trap ---------------------
    function setOpen(open, moveFocus) {
      panel.hidden = !open;
      root.classList.toggle("vc-open", open);
      launcher.setAttribute("aria-expanded", String(open));
      state.open = open;
      save();
      if (open) {
        connect();
        log.scrollTop = log.scrollHeight;
        if (moveFocus) input.focus();
      } else if (moveFocus) {
        launcher.focus();
      }
    }
    launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
    closeButton.addEventListener("click", function () { setOpen(false, true); });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); setOpen(false, true); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sendMessage(input.value)) input.value = "";
    });

    renderAll();
    if (state.open) setOpen(true, false);  // kept open across a reload or another page of the site
    window.VaxjoChat = { open: function () { setOpen(true, true); }, close: function () { setOpen(false, true); } };
  }
})();
