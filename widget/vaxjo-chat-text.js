/* Växjö partnership assistant: the widget's wording (Swedish and English) and safe text rendering.
 * Loaded by vaxjo-chat.js before it starts. Nothing here inserts HTML: text goes in as text nodes,
 * links are <a> elements built one by one, and only http(s), mailto and tel links are made. */
(function () {
  "use strict";

  var STRINGS = {
    sv: {
      title: "Fråga om kommunens internationella partnerskap",
      open: "Chatta med oss",
      close: "Stäng chatten",
      disclosure: "Du chattar med en automatisk assistent (AI), inte en människa. Den svarar utifrån {name}s publicerade information om de internationella partnerskapen och kan svara fel. Skriv inga personuppgifter.",
      privacy: "Integritet och lagring",
      accessibility: "Tillgänglighet",
      conversationId: "Samtals-id (för radering): {id}",
      inputLabel: "Skriv din fråga",
      placeholder: "Skriv din fråga här",
      send: "Skicka",
      you: "Du:",
      bot: "Assistenten:",
      connecting: "Ansluter till chatten …",
      reconnecting: "Försöker ansluta igen …",
      typing: "Assistenten skriver …",
      offline: "Chatten kan inte nå sin server just nu. Försök igen om en stund.",
      contactIntro: "Du kan också kontakta {name}:",
      retry: "Försök igen",
      notSent: "Meddelandet kunde inte skickas eftersom chatten inte är ansluten.",
      feedbackGroup: "Var svaret till hjälp?",
      feedbackUp: "Ja, svaret hjälpte",
      feedbackDown: "Nej, svaret hjälpte inte",
      suggestions: "Förslag",
      newWindow: "(öppnas i nytt fönster)",
      contactFallback: "kommunen"
    },
    en: {
      title: "Ask about the municipality's international partnerships",
      open: "Chat with us",
      close: "Close the chat",
      disclosure: "You are chatting with an automated assistant (AI), not a person. It answers from {name}'s published information about the international partnerships and can be wrong. Do not enter personal data.",
      privacy: "Privacy and storage",
      accessibility: "Accessibility",
      conversationId: "Conversation id (for deletion): {id}",
      inputLabel: "Type your question",
      placeholder: "Type your question here",
      send: "Send",
      you: "You:",
      bot: "Assistant:",
      connecting: "Connecting to the chat …",
      reconnecting: "Trying to connect again …",
      typing: "The assistant is typing …",
      offline: "The chat cannot reach its server right now. Please try again in a moment.",
      contactIntro: "You can also contact {name}:",
      retry: "Try again",
      notSent: "The message could not be sent because the chat is not connected.",
      feedbackGroup: "Was this answer helpful?",
      feedbackUp: "Yes, the answer helped",
      feedbackDown: "No, the answer did not help",
      suggestions: "Suggestions",
      newWindow: "(opens in a new window)",
      contactFallback: "the municipality"
    }
  };

  var SAFE_PROTOCOLS = ["http:", "https:", "mailto:", "tel:"];
  // URLs, www. addresses and e-mail addresses inside a text.
  var LINK_PATTERN = /(\b(?:https?:\/\/|www\.)[^\s<>"']+|\b(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b)/gi;

  function language(value) {
    var code = String(value || "").toLowerCase().slice(0, 2);
    return STRINGS[code] ? code : null;
  }

  function t(lang, key, values) {
    var text = (STRINGS[lang] || STRINGS.sv)[key] || "";
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  /* An href that is safe to follow, or null. */
  function safeHref(raw) {
    var candidate = String(raw || "").trim();
    if (/^www\./i.test(candidate)) candidate = "https://" + candidate;
    else if (/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(candidate)) candidate = "mailto:" + candidate;
    try {
      var url = new URL(candidate);
      return SAFE_PROTOCOLS.indexOf(url.protocol) >= 0 ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  var ICONS = {  // Material icons' paths (Apache 2.0): emoji fonts are missing on many machines
    chat: "M20 2H4c-1.1 0-2 .9-2 2v18l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2z",
    thumb: "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 " +
      "7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z"
  };
  /* A decorative icon (hidden from screen readers; the control it sits in has the label). */
  function icon(name, upsideDown) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "vc-icon");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    if (upsideDown) path.setAttribute("transform", "rotate(180 12 12)");
    svg.appendChild(path);
    return svg;
  }

  function visuallyHidden(text) { return el("span", "vc-sr-only", text); }

  /* <a> for a safe href, opening in a new window without giving the opened page a handle on ours. */
  function link(href, text, uiLang) {
    var a = el("a", "vc-link", text);
    a.href = href;
    if (!/^(mailto|tel):/i.test(href)) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      var note = visuallyHidden(" " + t(uiLang, "newWindow"));
      note.lang = uiLang;
      a.appendChild(note);
    }
    return a;
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* Appends `text` to `parent` as text nodes, with its URLs and e-mail addresses as safe links.
   * `known` maps exact texts to their links, e.g. the contact phone numbers to tel: links (a general
   * phone pattern would also link figures such as populations). */
  function appendLinkified(parent, text, uiLang, known) {
    var source = String(text || "");
    var last = 0;
    var literals = Object.keys(known || {}).filter(Boolean).sort(function (a, b) { return b.length - a.length; });
    var pattern = literals.length
      ? new RegExp("(" + literals.map(escapeRegExp).join("|") + ")|" + LINK_PATTERN.source, "gi") : LINK_PATTERN;
    source.replace(pattern, function (match) {
      var offset = arguments[arguments.length - 2];
      var trimmed = known && known[match] ? match : match.replace(/[.,;:!?)\]]+$/, "");  // "see https://x.se." -> the dot stays text
      var href = known && known[match] ? safeHref(known[match]) : safeHref(trimmed);
      if (!href) return match;
      parent.appendChild(document.createTextNode(source.slice(last, offset)));
      parent.appendChild(link(href, trimmed.replace(/^mailto:/i, ""), uiLang));
      last = offset + trimmed.length;
      return match;
    });
    parent.appendChild(document.createTextNode(source.slice(last)));
    return parent;
  }

  window.VaxjoChatText = {
    strings: STRINGS, language: language, t: t, safeHref: safeHref, el: el,
    visuallyHidden: visuallyHidden, icon: icon, link: link, appendLinkified: appendLinkified
  };
})();
