// Passkeys: the browser's credential call, and nothing else. A form marked
// `data-passkey="create"` or `"get"` is shown only where the browser can make the call; on
// submit its fields go to the form's action for the options (a challenge), the browser
// makes or uses a passkey, and its answer goes as JSON to `data-answer`. The server answers
// `{ redirect }` or `{ error }`, shown in the form's `[data-passkey-error]`.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials) { return; }

  function bytes(b64url) {
    var s = b64url.replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(s + "===".slice((s.length + 3) % 4));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out.buffer;
  }
  function text(buf) {
    var b = new Uint8Array(buf), s = "";
    for (var i = 0; i < b.length; i++) { s += String.fromCharCode(b[i]); }
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function ids(list) {
    return (list || []).map(function (c) { return Object.assign({}, c, { id: bytes(c.id) }); });
  }
  function creation(o) {
    var p = o.publicKey;
    p.challenge = bytes(p.challenge);
    p.user.id = bytes(p.user.id);
    p.excludeCredentials = ids(p.excludeCredentials);
    // A passkey the browser can offer by itself at the next sign-in, without a password.
    p.authenticatorSelection = Object.assign({}, p.authenticatorSelection,
      { residentKey: "required", requireResidentKey: true });
    return { publicKey: p };
  }
  function request(o) {
    var p = o.publicKey;
    p.challenge = bytes(p.challenge);
    p.allowCredentials = ids(p.allowCredentials);
    return { publicKey: p };
  }
  function answer(c) {
    var r = c.response, out = { id: c.id, rawId: text(c.rawId), type: c.type, extensions: {} };
    if (r.attestationObject) {
      out.response = { attestationObject: text(r.attestationObject), clientDataJSON: text(r.clientDataJSON) };
    } else {
      out.response = {
        authenticatorData: text(r.authenticatorData), clientDataJSON: text(r.clientDataJSON),
        signature: text(r.signature), userHandle: r.userHandle ? text(r.userHandle) : null
      };
    }
    return out;
  }
  function post(url, body, token, json) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": json ? "application/json" : "application/x-www-form-urlencoded",
        "Accept": "application/json", "X-CSRF-Token": token },
      body: body
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (j) {
        if (!res.ok) { throw new Error(j.error || ""); }
        return j;
      });
    });
  }

  document.querySelectorAll("form[data-passkey]").forEach(function (form) {
    var kind = form.getAttribute("data-passkey");
    var error = form.querySelector("[data-passkey-error]");
    form.hidden = false;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var token = form.querySelector("input[name=csrf]").value;
      if (error) { error.textContent = ""; }
      post(form.action, new URLSearchParams(new FormData(form)).toString(), token, false)
        .then(function (options) {
          return kind === "create"
            ? navigator.credentials.create(creation(options))
            : navigator.credentials.get(request(options));
        })
        .then(function (c) {
          return post(form.getAttribute("data-answer"), JSON.stringify(answer(c)), token, true);
        })
        .then(function (done) { window.location.assign(done.redirect || "/"); })
        .catch(function (e) {
          // The browser's own messages (a cancelled call) are in its language, not the page's.
          var own = e instanceof DOMException || !(e && e.message);
          if (error) { error.textContent = own ? form.getAttribute("data-failed") : e.message; }
        });
    });
  });
})();
