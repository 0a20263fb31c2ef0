/* Vietnamese-aware search: a thin wrapper around Material for MkDocs' own lunr worker.
 *
 * Material lets a site replace its search worker (the `search` URL in `__config`); the
 * ldkb-search plugin points it here. We load Material's worker unchanged and:
 *  - index side: every token is indexed twice, as written (NFC, tone placement unified,
 *    lower case) and folded (no diacritics, đ -> d), so "nang suat" finds "năng suất";
 *  - query side: every word is searched in both forms, so a query with accents also
 *    finds unaccented text but ranks exact-accent matches first; symbols get a compact
 *    key ("117/KH-LĐLĐ" -> "117khldld") that matches the `ldkb_sym` field of that document;
 *  - results: the part number and the document symbol are added to each section's title,
 *    and "missing term" notes are dropped for words that matched in folded form.
 * Works in a real worker and in the iframe shim used from file:// (there importScripts is
 * asynchronous, so messages are queued until Material's handler is registered).
 * The first line of this file (written by the plugin) sets LDKB_MATERIAL_WORKER.
 */
(function () {
  "use strict"
  var SETUP = 0, QUERY = 2, RESULT = 3
  var TONES = "\u0300\u0301\u0303\u0309\u0323"
  // Same rule as ldkb.textnorm.unify_tones: "hòa" -> "hoà", "thúy" -> "thuý".
  var OLD_TONE = new RegExp("([oO](?=[" + TONES + "][aAeE])|[uU](?=[" + TONES + "][yY]))" +
    "([" + TONES + "])([aAeEyY])(?![a-zA-Z\u00C0-\u1EF9])", "g")
  var SPLIT = /[\s\-\u2010-\u2015\u2212\/,.;:!?()\[\]{}“”‘’"'…&*+~^|<>=#%]+/

  function unify(text) {
    return text.normalize("NFD").replace(OLD_TONE, "$1$3$2").normalize("NFC")
  }
  function exact(text) {
    return unify(text).toLowerCase()
  }
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐÐð]/g, "d").toLowerCase()
  }
  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]
    })
  }

  /* The query the engine receives: each word as typed (exact) and folded, plus the
   * compact symbol key when the query looks like a document number. */
  function transform(raw) {
    var words = raw.normalize("NFC").split(SPLIT).filter(Boolean)
    var terms = [], pairs = {}
    function add(term) {
      if (term && terms.indexOf(term) < 0) terms.push(term)
    }
    words.forEach(function (word) {
      var e = exact(word), f = fold(word)
      add(e)
      add(f)
      if (e !== f) pairs[e] = f
    })
    var last = words.length ? [exact(words[words.length - 1]), fold(words[words.length - 1])] : []
    if (/\d/.test(raw) && words.length > 1) {
      var compact = fold(raw).replace(/[^a-z0-9]/g, "")
      if (/^\d/.test(compact)) { add(compact); last.push(compact) }
    }
    // Only the word being typed (the last one) is a prefix; Material adds "*" to every
    // term except those with a boost, so earlier words get a neutral "^1".
    var query = terms.map(function (t) { return last.indexOf(t) >= 0 ? t : t + "^1" })
    return { query: query.join(" "), terms: terms, pairs: pairs }
  }

  var lastPairs = {}
  var lastWords = []
  var docs = {}

  var flatCache = {}
  function flat(text) {
    return fold(String(text || "").replace(/<[^>]*>/g, " ")).split(SPLIT).filter(Boolean).join(" ")
  }
  // Folded title and text of an index entry, computed once per entry.
  function flatDoc(location) {
    var hit = flatCache[location]
    if (hit === undefined) {
      var doc = docs[location]
      hit = flatCache[location] = doc ? [" " + flat(doc.title) + " ", " " + flat(doc.text) + " "] : null
    }
    return hit
  }

  function patchLunr() {
    var lunr = self.lunr
    var run = lunr.Pipeline.prototype.run
    // Runs for every indexed field and for every non-wildcard query term.
    lunr.Pipeline.prototype.run = function (tokens) {
      var out = []
      run.call(this, tokens).forEach(function (token) {
        var text = token.toString()
        var e = exact(text), f = fold(text)
        out.push(token.update(function () { return e }))
        if (f !== e)
          out.push(token.clone(function () { return f }))
      })
      return out
    }
    // A word indexed twice (as written and folded) matches twice at the same place:
    // keep each position once, or the highlighter wraps it twice and breaks the markup.
    var query = lunr.Index.prototype.query
    lunr.Index.prototype.query = function (fn) {
      var results = query.call(this, fn)
      results.forEach(function (result) {
        var seen = {}
        var metadata = result.matchData.metadata
        Object.keys(metadata).forEach(function (term) {
          Object.keys(metadata[term]).forEach(function (field) {
            var data = metadata[term][field]
            if (!data || !data.position) return
            // lunr may hand out its own posting object here: never modify it, replace it.
            metadata[term][field] = Object.assign({}, data, {
              position: data.position.filter(function (p) {
                var key = field + ":" + p
                if (seen[key]) return false
                seen[key] = true
                return true
              })
            })
          })
        })
      })
      return results
    }
  }

  /* Words typed together rank higher where they stand together (folded), as in
   * "cong doan co so" -> "Công đoàn cơ sở"; lunr alone scores words one by one. */
  var RERANK_LIMIT = 200
  function coverage(item) {
    // Share of typed words found, as written or folded (stop words are not reported).
    var terms = item.terms || {}, found = 0
    lastWords.forEach(function (pair) {
      var e = terms[pair[0]], f = terms[pair[1]]
      if (e === true || f === true || (e === undefined && f === undefined)) found++
    })
    return lastWords.length ? found / lastWords.length : 1
  }

  function exactness(item) {
    // Share of accented typed words found with their accents.
    var terms = item.terms || {}, accented = 0, found = 0
    lastWords.forEach(function (pair) {
      if (pair[0] === pair[1]) return
      accented++
      if (terms[pair[0]] === true) found++
    })
    return accented ? found / accented : 1
  }

  function rerank(groups) {
    groups.forEach(function (group) {
      group.forEach(function (item) {
        // "bán" prefers "bán" to "ban": each accented word missing in its exact form
        // costs as much as the title/text weight ratio.
        if (item.score > 0) item.score *= Math.pow(1000, exactness(item) - 1)
      })
    })
    if (lastWords.length > 1) {
      var phrase = lastWords.map(function (p) { return p[1] }).join(" "), n = 0
      groups.forEach(function (group) {
        group.forEach(function (item) {
          if (!(item.score > 0)) return
          item.score *= Math.pow(coverage(item), 3)
          if (n++ > RERANK_LIMIT) return
          var doc = flatDoc(item.location)
          // Text weighs 1/1000 of a title in Material's index: a phrase found in the text
          // must be able to beat scattered title words.
          if (doc && (doc[0].indexOf(" " + phrase) >= 0 || doc[1].indexOf(" " + phrase) >= 0))
            item.score *= 1000
        })
      })
    }
    groups.forEach(function (group) {
      group.sort(function (a, b) { return b.score - a.score })
    })
    return groups.sort(function (a, b) { return b[0].score - a[0].score })
  }

  function decorate(item) {
    if (item.ldkb_part) {
      item.title = '<span class="ldkb-sr-part">' + escapeHTML(item.ldkb_part) + "</span> " + item.title
    }
    if (item.ldkb_doc && item.location.indexOf("#") >= 0) {
      item.title += ' <span class="ldkb-sr-doc">' + escapeHTML(item.ldkb_doc) + "</span>"
    }
    var terms = item.terms || {}
    Object.keys(lastPairs).forEach(function (e) {
      if (terms[e] === false && terms[lastPairs[e]]) delete terms[e]
    })
    Object.keys(terms).forEach(function (t) {
      // A folded twin that did not match, while its accented form did, is no "missing" word.
      if (terms[t] === false) {
        for (var e in lastPairs)
          if (lastPairs[e] === t && terms[e]) { delete terms[t]; break }
      }
    })
    delete item.ldkb_sym
    delete item.ldkb_title
    delete item.ldkb_text
    return item
  }

  function onOutgoing(message) {
    if (message && message.type === RESULT && message.data && message.data.items) {
      message.data.items = rerank(message.data.items)
      message.data.items.forEach(function (group) { group.forEach(decorate) })
      message.data.query = self.__ldkbLastQuery
    }
    return message
  }

  var handler = null
  var queue = []
  var realAdd = self.addEventListener.bind(self)
  var realPost = self.postMessage.bind(self)

  self.postMessage = function (message, options) {
    message = onOutgoing(message)
    return options === undefined ? realPost(message) : realPost(message, options)
  }

  function deliver(ev) {
    var data = ev.data
    if (data && data.type === SETUP && data.data && data.data.docs) {
      docs = {}
      flatCache = {}
      data.data.docs.forEach(function (doc) { docs[doc.location] = doc })
    }
    if (data && data.type === QUERY && typeof data.data === "string") {
      var t = transform(data.data)
      lastPairs = t.pairs
      lastWords = data.data.normalize("NFC").split(SPLIT).filter(Boolean).map(function (w) {
        return [exact(w), fold(w)]
      })
      self.__ldkbLastQuery = { typed: data.data, engine: t.terms.join(" "), lunr: t.query }
      data = { type: QUERY, data: t.query }
    }
    handler({ data: data })
  }

  // Material's worker registers its message listener on load: capture it instead.
  self.addEventListener = function (type, fn, options) {
    if (type === "message" && handler === null) {
      handler = fn
      patchLunr()
      queue.splice(0).forEach(deliver)
      return
    }
    return realAdd(type, fn, options)
  }
  realAdd("message", function (ev) {
    if (handler === null) queue.push(ev)
    else deliver(ev)
  })

  self.LDKB_SEARCH = { transform: transform, fold: fold, exact: exact }
  // Relative to this script: in the file:// iframe shim, a relative URL would resolve
  // against the page instead.
  var here = (typeof document !== "undefined" && document.currentScript && document.currentScript.src) ||
    self.location.href
  var loaded = importScripts(new URL(self.LDKB_MATERIAL_WORKER, here).href)
  if (loaded && typeof loaded.then === "function")
    loaded.then(null, function (err) { console.error(err) })
})()
