/* Buttons members expect (ldkb-reader): print, share, open the search box.
 *
 * Share: the system's share sheet where the browser has one (phones); otherwise the page's link
 * is copied; where copying is not allowed (the offline copy opened from file://, a plain-http
 * host) the link is shown, selected, to copy by hand. From the offline copy the link is the
 * page's address on the published site when its address is known (cai-dat.yml `dia_chi_web`),
 * else the file's own address. Every word shown is Vietnamese. Buttons are hidden in the HTML
 * and shown here, so a browser without scripts never shows a button that does nothing.
 */
(function () {
  "use strict"
  var COPIED = "Đã chép liên kết của trang. Dán vào tin nhắn hoặc thư để gửi."
  var BY_HAND = "Chép liên kết này để gửi:"

  function pageLink(button) {
    if (location.protocol !== "file:") return location.href.split("#")[0]
    var site = button.getAttribute("data-ldkb-site") || ""
    if (!site) return location.href.split("#")[0]
    var path = (button.getAttribute("data-ldkb-path") || "").replace(/(^|\/)index\.html$/, "$1")
      .replace(/\.html$/, "/")
    return site.replace(/\/*$/, "/") + path
  }

  function row(button) {
    return button.closest("[data-ldkb-actions]") || button.parentNode
  }

  function say(button, text) {
    var status = row(button).querySelector(".ldkb-actions__status")
    if (status) status.textContent = text
  }

  function showLink(button, url) {
    var box = row(button).querySelector(".ldkb-share-link")
    if (!box) {
      box = document.createElement("div")
      box.className = "ldkb-share-link"
      var id = "ldkb-share-" + Math.random().toString(36).slice(2)
      var label = document.createElement("label")
      label.setAttribute("for", id)
      label.textContent = BY_HAND
      var input = document.createElement("input")
      input.id = id
      input.type = "text"
      input.readOnly = true
      box.appendChild(label)
      box.appendChild(input)
      row(button).appendChild(box)
    }
    var field = box.querySelector("input")
    field.value = url
    field.focus()
    field.select()
  }

  function share(button) {
    var url = pageLink(button)
    var online = location.protocol === "http:" || location.protocol === "https:"
    if (online && navigator.share) {
      navigator.share({ title: document.title, url: url }).catch(function () {})
      return
    }
    if (online && navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { say(button, COPIED) },
        function () { showLink(button, url) })
      return
    }
    showLink(button, url)
  }

  function openSearch() {
    var toggle = document.getElementById("__search")
    if (toggle && !toggle.checked) toggle.click()
    var input = document.querySelector("input.md-search__input")
    if (input) setTimeout(function () { input.focus() }, 50)
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("[data-ldkb-action]")
    if (!button) return
    var action = button.getAttribute("data-ldkb-action")
    if (action === "print") window.print()
    else if (action === "share") share(button)
    else if (action === "search") openSearch()
  })
  Array.prototype.forEach.call(document.querySelectorAll("[data-ldkb-action][hidden]"), function (b) {
    b.hidden = false
  })
})()
