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
 * The plugin writes two lines before this file: LDKB_MATERIAL_WORKER (the name of Material's
 * worker) and LDKB_RULES, the word-splitting and tone-placement rules of ldkb.text.words (one
 * source for Python, this worker and lunr's separator).
 */
(function () {
  "use strict"
  // Material's worker messages, read from Material 9.8.1 (its search worker's message types;
  // the Python side of this wrapper is ldkb_mkdocs/material/search.py). Checked against the
  // installed Material by tests/adapters/test_material.py.
  var SETUP = 0, QUERY = 2, RESULT = 3
  // ldkb.text.normalize.unify_tones: "hòa" -> "hoà", "thúy" -> "thuý"; words split as in Python.
  var OLD_TONE = new RegExp(self.LDKB_RULES.oldTone, "g")
  var SPLIT = new RegExp(self.LDKB_RULES.split)

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

  /* Members ask questions: "cong doan co so can lam gi". The question's tail ("cần làm gì",
   * "là gì", "như thế nào"…) names no content: it is not searched, and a result is not judged on
   * it. Not when nothing else would be left ("ai làm gì" is a page's name). Same list and rule as
   * ldkb.search.keys.question_tail. */
  var QUESTION_TAILS = ["can phai lam gi", "can lam gi", "phai lam gi", "nen lam gi", "lam gi", "la gi",
    "gom nhung gi", "co nhung gi", "nhu the nao", "the nao", "ra sao", "o dau", "khi nao", "bao gio",
    "bao nhieu", "gi", "nao"].map(function (t) { return t.split(" ") })
  var QUESTION_WORDS = { ai: 1, gi: 1, nao: 1, dau: 1, sao: 1 }
  function withoutQuestion(words) {
    var folded = words.map(fold)
    for (var i = 0; i < QUESTION_TAILS.length; i++) {
      var tail = QUESTION_TAILS[i], n = tail.length, start = folded.length - n
      if (start < 1) continue
      var match = true
      for (var j = 0; j < n && match; j++) match = folded[start + j] === tail[j]
      if (!match) continue
      var rest = folded.slice(0, start)
      if (rest.every(function (w) { return QUESTION_WORDS[w] })) return words
      return words.slice(0, start)
    }
    return words
  }

  /* The query the engine receives: each word as typed (exact) and folded, plus the
   * compact symbol key when the query looks like a document number. */
  function transform(raw) {
    var words = withoutQuestion(raw.normalize("NFC").split(SPLIT).filter(Boolean))
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
    // A one-letter last word after others ("lao đ") is searched as it stands, not as a
    // prefix: "đ*" expands to hundreds of index terms and made such mid-typing queries the
    // slowest of all while the next keystroke waited behind them. Alone, it stays a prefix.
    var partial = words.length > 1 && Array.from(words[words.length - 1]).length === 1
    var last = words.length && !partial ? [exact(words[words.length - 1]), fold(words[words.length - 1])] : []
    if (/\d/.test(raw) && words.length > 1) {
      var compact = fold(raw).replace(/[^a-z0-9]/g, "")
      if (/^\d/.test(compact)) { add(compact); last.push(compact) }
    }
    // Only the word being typed (the last one) is a prefix; Material adds "*" to every
    // term except those with a boost, so earlier words get a neutral "^1".
    var query = terms.map(function (t) { return last.indexOf(t) >= 0 ? t : t + "^1" })
    return { query: query.join(" "), terms: terms, pairs: pairs, partial: partial, words: words }
  }

  var lastPairs = {}
  var lastWords = []
  // The one-letter last word of the current lunr query, searched exactly (see transform):
  // it is mostly the start of a longer word, so it never counts against a result.
  var lastPartial = null
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

  /* The glossary (ldkb.search.keys.browser_glossary): [compact folded abbreviation, folded
   * expansion]. The index already finds an abbreviation where its expansion is written and back,
   * word by word; here a typed phrase stands together in a text or a heading in either form
   * ("ldld tinh" in "Liên đoàn Lao động tỉnh"). A two-letter abbreviation stands for its
   * expansion only typed in capitals ("TU", not the word "tu"). */
  var GLOSSARY = (self.LDKB_GLOSSARY || []).map(function (g) { return { key: g[0], words: g[1].split(" ") } })
  var lastTyped = []  // the words as typed, case kept (the capitals rule)

  function abbreviationOf(typed, folded) {
    for (var i = 0; i < GLOSSARY.length; i++) {
      var g = GLOSSARY[i]
      if (g.key === folded && (g.key.length >= 3 || (typed === typed.toUpperCase() && typed !== typed.toLowerCase())))
        return g
    }
    return null
  }

  // The typed phrase (folded words), then, when they differ, the same with its abbreviations
  // written out and with written-out forms abbreviated.
  function phrasesOf(words, typed) {
    var folded = words.map(function (p) { return p[1] })
    var plain = folded.join(" "), out = [plain], expanded = []
    folded.forEach(function (f, i) {
      var g = abbreviationOf(typed[i] || f, f)
      expanded.push.apply(expanded, g ? g.words : [f])
    })
    if (expanded.join(" ") !== plain) out.push(expanded.join(" "))
    var collapsed = " " + plain + " "
    GLOSSARY.forEach(function (g) {
      if (g.words.length > 1) collapsed = collapsed.split(" " + g.words.join(" ") + " ").join(" " + g.key + " ")
    })
    collapsed = collapsed.trim()
    if (out.indexOf(collapsed) < 0) out.push(collapsed)
    return out
  }

  // Every word of those phrases: what a heading's words are compared with.
  function coveredWords(phrases) {
    var covered = {}
    phrases.forEach(function (p) { p.split(" ").forEach(function (w) { if (w) covered[w] = true }) })
    return covered
  }

  // How much of a heading the query names: its words found among the typed words (either form
  // of an abbreviation), its numbering ("3.2.", "II.") left out. "Đối với Liên đoàn Lao động tỉnh"
  // is mostly "LĐLĐ tỉnh"; a long heading that cites a document "… của Ban Thường vụ LĐLĐ tỉnh)"
  // only mentions it.
  var NUMBERING = /^(?:[0-9]+|[ivxlc]+)$/
  function headingShare(flatTitle, covered) {
    var words = flatTitle.trim().split(" ").filter(Boolean)
    while (words.length > 1 && NUMBERING.test(words[0])) words.shift()
    if (!words.length) return 0
    var n = 0
    words.forEach(function (w) { if (covered[w]) n++ })
    return n / words.length
  }

  // The more of its heading the query names, the more an entry is about it: up to ×1.5 once half
  // the heading is the query (beyond that, headings differ by their formulae, "Đối với …", not
  // by what they are about).
  function aboutFactor(flatTitle, covered) {
    return 1 + Math.min(headingShare(flatTitle, covered), 0.5)
  }

  // Pages ranked below what their words alone would earn carry a boost below 1
  // (ldkb.search.index): the home page, the editors' guide, campaign pages, the sections of
  // lists, the records of documents without text; they point to documents. Where the whole
  // typed phrase stands, every other entry (documents with their text, units, the site's own
  // pages) gains the title/text weight ratio over them: a document saying what was typed, in
  // its text, answers before a guide or campaign page that has it in a heading.
  var TITLE_TEXT = 1000  // a title's weight over a text's in Material's index
  function pointsOnly(boost) {
    return parseFloat(boost) < 1
  }

  // A long query (five words or more) typed from a subject: the typed words, in order, within a
  // stretch of the subject where they make up at least 80 % of its words.
  function nearSubject(subject, typed) {
    if (typed.length < 8) return false
    var s = subject.split(" ")
    for (var start = 0; start < s.length; start++) {
      if (s[start] !== typed[0]) continue
      var j = 1, k = start + 1
      for (; j < typed.length && k < s.length; k++) if (s[k] === typed[j]) j++
      if (j === typed.length && typed.length >= 0.8 * (k - start)) return true
    }
    return false
  }

  /* Words typed together rank higher where they stand together (folded), as in
   * "cong doan co so" -> "Công đoàn cơ sở"; lunr alone scores words one by one. */
  var RERANK_LIMIT = 200
  // The typed words a result is judged on: all but a one-letter last word it lacks.
  function judged(item) {
    if (!lastPartial) return lastWords
    var terms = item.terms || {}
    if (terms[lastPartial[0]] === true || terms[lastPartial[1]] === true) return lastWords
    return lastWords.slice(0, -1)
  }

  function coverage(item) {
    // Share of typed words found, as written or folded (stop words are not reported).
    var terms = item.terms || {}, found = 0, wanted = judged(item)
    wanted.forEach(function (pair) {
      var e = terms[pair[0]], f = terms[pair[1]]
      if (e === true || f === true || (e === undefined && f === undefined)) found++
    })
    return wanted.length ? found / wanted.length : 1
  }

  function exactness(item) {
    // Share of accented typed words found with their accents.
    var terms = item.terms || {}, accented = 0, found = 0
    judged(item).forEach(function (pair) {
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
    // A document the site has only a record of ranks low (its entries' boost), except when the
    // query is its number or symbol (ldkb_sym: "117 117khldld"), or its subject: most of that
    // subject, typed in order (ldkb_subject, folded).
    var typedWords = lastWords.map(function (p) { return p[1] })
    var typedPhrase = typedWords.join(" ")
    var phrases = phrasesOf(lastWords, lastTyped), covered = coveredWords(phrases)
    var typedKey = fold(lastWords.map(function (p) { return p[1] }).join("")).replace(/[^a-z0-9]/g, "")
    groups.forEach(function (group) {
      group.forEach(function (item) {
        if (!(item.score > 0)) return
        // (Material has marked the matched words in every indexed field of a result: unmark.)
        var sym = item.ldkb_sym && String(item.ldkb_sym).replace(/<[^>]*>/g, "")
        if (sym && /^\d/.test(typedKey) && (" " + sym + " ").indexOf(" " + typedKey + " ") >= 0)
          item.score *= 1e6 * TITLE_TEXT
        var subject = item.ldkb_subject
        if (subject && lastWords.length > 2 && typedPhrase.length >= 0.8 * subject.length &&
            (" " + subject + " ").indexOf(" " + typedPhrase + " ") >= 0)
          item.score *= 1e5 * TITLE_TEXT
        else if (subject && nearSubject(subject, typedWords))
          item.score *= 1e3 * TITLE_TEXT  // a long stretch of it: far less than the whole subject
      })
    })
    var n = 0
    groups.forEach(function (group) {
      group.forEach(function (item) {
        if (!(item.score > 0)) return
        if (lastWords.length > 1) item.score *= Math.pow(coverage(item), 3)
        if (n++ > RERANK_LIMIT) return
        var doc = flatDoc(item.location)
        if (!doc) return
        item.score *= aboutFactor(doc[0], covered)
        if (lastWords.length < 2) return
        // Text weighs 1/1000 of a title in Material's index: a phrase found in the text
        // must be able to beat scattered title words, and any pairs of words below.
        if (phrases.some(function (p) { return doc[0].indexOf(" " + p) >= 0 || doc[1].indexOf(" " + p) >= 0 })) {
          item.score *= 8000
          if (!pointsOnly(item.boost)) item.score *= TITLE_TEXT
        } else {
          // Short of the whole phrase, typed words that stand together there ("nhà ở",
          // "công nhân" in "nhà ở cho công nhân") count: each such pair, up to three.
          var pairs = 0
          for (var k = 0; k + 1 < lastWords.length && pairs < 3; k++) {
            var pair = " " + lastWords[k][1] + " " + lastWords[k + 1][1] + " "
            if (doc[0].indexOf(pair) >= 0 || doc[1].indexOf(pair) >= 0) pairs++
          }
          item.score *= Math.pow(2, pairs)
        }
      })
    })
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
    // No "missing" note for a one-letter word still being typed.
    if (lastPartial) lastPartial.forEach(function (t) { if (terms[t] === false) delete terms[t] })
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
    // Material's page reads only location, title, text, tags, score and terms. Every lunr
    // section also carried its whole page (`parent`, with that page's text): about a third of
    // each result message, cloned and parsed on the page at every keystroke.
    delete item.ldkb_sym
    delete item.ldkb_title
    delete item.ldkb_text
    delete item.ldkb_part
    delete item.ldkb_doc
    delete item.ldkb_subject
    delete item.parent
    delete item.boost
    return item
  }

  /* A group's page entry shows its text only when it comes first in the group and the next
   * item scores lower (Material 9.8.1's renderSearchResultItem, its TEASER flag); otherwise that text
   * is never drawn, so it is not sent. Sections' texts stay whole: Material 9.8 shows them in
   * full (no line clamp), those in the "more" fold too once it is opened. */
  function dropUnshownText(group) {
    var at = -1
    for (var i = 0; i < group.length && at < 0; i++) if (group[i].location.indexOf("#") < 0) at = i
    if (at > 0 || (at === 0 && group[1] && group[1].score >= group[0].score)) group[at].text = ""
    return group
  }

  function onOutgoing(message) {
    if (message && message.type === RESULT && message.data && message.data.items) {
      message.data.items = rerank(message.data.items)
      message.data.items.forEach(function (group) { dropUnshownText(group.map(decorate)) })
      message.data.query = self.__ldkbLastQuery
    }
    return message
  }

  /* ---- Pagefind: a split index for large collections (ldkb.search_pagefind) ----------------
   * When the index's config names a Pagefind bundle (`ldkb_pagefind`, relative to this
   * script) and the page is served over http(s), queries are answered from Pagefind and lunr
   * is never built; from file:// (offline copy), or without a bundle, lunr answers as above.
   * Pagefind matches across tone marks itself; the bundle adds `d` forms of words with `đ`.
   * Results keep Material's format and our ranking rules: exact accents before folded
   * matches, all typed words, the phrase, the document's own page first for its symbol. */
  var READY = 1  // Material 9.8.1: the answer to SETUP
  var MARKER = "\u00a6"
  var CANDIDATES = 20
  var pagefind = null
  var pfSeq = 0

  function pagefindWanted(index) {
    return !!(index && index.config && index.config.ldkb_pagefind &&
      /^https?:$/.test(self.location.protocol) && typeof document === "undefined")
  }

  function startPagefind(message) {
    var url = new URL(message.data.config.ldkb_pagefind, self.location.href).href
    // Material's main thread waits for READY before it sends queries.
    function load() {
      return import(url).then(function (m) {
        return Promise.resolve(m.init()).then(function () { return m })
      })
    }
    pagefind = startSplit(load, message, function () { pagefind = null })
  }

  // A split engine's set-up: tried twice (a busy connection must not leave the search on an
  // empty lunr index); when it still fails, `drop` forgets the engine and lunr is set up with
  // whatever documents the index has.
  function startSplit(load, message, drop) {
    var ready = load().catch(function (err) { console.error(err); return load() })
    ready.then(function () {
      realPost({ type: READY })
    }, function (err) {
      console.error(err)
      drop()
      handler({ data: message })
    })
    return ready
  }

  function words(text) {
    return text.split(SPLIT).filter(Boolean)
  }

  // exact() and fold() of single words, memoised: candidates' texts repeat most words.
  var wordForms = new Map()
  function forms(word) {
    var hit = wordForms.get(word)
    if (hit === undefined) {
      if (wordForms.size > 50000) wordForms.clear()
      hit = [exact(word), fold(word)]
      wordForms.set(word, hit)
    }
    return hit
  }

  // Per record: written words (exact form) and folded words, for our ranking rules.
  function analyse(data) {
    var content = String(data.content || "")
    var cut = content.indexOf(MARKER)
    var text = (cut >= 0 ? content.slice(0, cut) : content).replace(/[\s.]+$/, "")
    var meta = data.meta || {}
    var title = String(meta.title || "").replace(/<[^>]*>/g, " ")
    var all = words(content.normalize("NFC"))
    return {
      text: text, meta: meta,
      exact: all.map(function (w) { return forms(w)[0] }), folded: all.map(function (w) { return forms(w)[1] }),
      flat: [" " + flat(title) + " ", " " + flat(text) + " "]
    }
  }

  function has(list, term, prefix) {
    for (var i = 0; i < list.length; i++)
      if (list[i] === term || (prefix && list[i].lastIndexOf(term, 0) === 0)) return true
    return false
  }

  // The written text around the first match, matched words marked. Only the words up to the
  // first match and the shown window are examined (section texts can be long).
  function excerpt(text, typed) {
    var parts = text.split(/(\s+)/), count = (parts.length + 1) >> 1, first = -1, out = []
    function hit(n) {
      return words(parts[2 * n]).some(function (x) {
        var f = forms(x)[1]
        return typed.some(function (t, k) {
          return f === t || (k === typed.length - 1 && f.lastIndexOf(t, 0) === 0)
        })
      })
    }
    for (var n = 0; n < count && first < 0; n++) if (hit(n)) first = n
    var start = Math.max(0, (first < 0 ? 0 : first) - 12), end = start + 60
    for (n = start; n < Math.min(end, count); n++) {
      var word = escapeHTML(parts[2 * n])
      out.push(n === first || (n > first && first >= 0 && hit(n)) ? "<mark>" + word + "</mark>" : word)
    }
    return "<p>" + (start > 0 ? "… " : "") + out.join(" ") + (end < count ? " …" : "") + "</p>"
  }


  /* Ranks candidates from either split engine (Pagefind, shards): `found` holds per section
   * {data: {content: written text + MARKER + title and keys, meta: {l, title, b, p, d, pt}},
   * score, symbol}; returns Material's result groups. */
  function rankCandidates(found) {
    var typed = lastWords.map(function (p) { return p[1] })
    var phrases = phrasesOf(lastWords, lastTyped), covered = coveredWords(phrases)
    var items = found.map(function (hit) {
      var a = analyse(hit.data), meta = a.meta
      var location = meta.l || String(hit.data.url || "").replace(/^\//, "")
      var terms = {}, exactWanted = 0, exactFound = 0, foundWords = 0
      lastWords.forEach(function (pair, n) {
        var prefix = n === lastWords.length - 1
        var e = has(a.exact, pair[0], prefix), f = e || has(a.folded, pair[1], prefix)
        terms[pair[0]] = f
        if (f) foundWords++
        if (pair[0] !== pair[1]) {
          exactWanted++
          if (e) exactFound++
        }
      })
      var score = hit.score * (parseFloat(meta.b) || 1)
      // Same rules as lunr's rerank above: a missing accent costs a title/text ratio, every
      // typed word counts, the whole phrase standing together wins.
      if (exactWanted) score *= Math.pow(1000, exactFound / exactWanted - 1)
      if (lastWords.length) score *= Math.pow(foundWords / lastWords.length, 3)
      // (In the title it counts more, as titles weigh more than text in lunr's index.) Either
      // form of an abbreviation; a page that only points to documents gains less (pointsOnly).
      var inTitle = lastWords.length > 1 && phrases.some(function (p) { return a.flat[0].indexOf(" " + p) >= 0 })
      var inText = lastWords.length > 1 && !inTitle && phrases.some(function (p) { return a.flat[1].indexOf(" " + p) >= 0 })
      if (inTitle) score *= 10000
      else if (inText) score *= 1000
      if ((inTitle || inText) && !pointsOnly(meta.b)) score *= TITLE_TEXT
      score *= aboutFactor(a.flat[0], covered)
      // The document's own page for its number or symbol, as in lunr's rerank (meta `s`: its keys).
      var typedKey = typed.join("").replace(/[^a-z0-9]/g, "")
      if (hit.symbol || (meta.s && /^\d/.test(typedKey) && (" " + meta.s + " ").indexOf(" " + typedKey + " ") >= 0))
        score *= 1e6 * TITLE_TEXT
      return {
        location: location, title: String(meta.title || ""), text: excerpt(a.text, typed),
        score: score, terms: terms, ldkb_part: meta.p, ldkb_doc: meta.d, ldkb_page: meta.pt
      }
    })
    var groups = {}, order = []
    items.forEach(function (item) {
      var page = item.location.split("#")[0]
      if (!groups[page]) { groups[page] = []; order.push(page) }
      if (!groups[page].some(function (x) { return x.location === item.location }))
        groups[page].push(item)
    })
    var out = order.map(function (page) {
      var group = groups[page]
      group.sort(function (a, b) { return b.score - a.score })
      // Material shows every group under its page's own entry.
      if (!group.some(function (x) { return x.location === page }))
        group.push({ location: page, title: group[0].ldkb_page || page, text: "", score: 0, terms: {} })
      group.forEach(function (item) { delete item.ldkb_page; decorate(item) })
      return dropUnshownText(group)
    })
    return out.sort(function (a, b) { return b[0].score - a[0].score })
  }

  // One query at a time (Pagefind's diacritics option is global); a query that a newer one
  // has replaced before its turn is skipped, its answer would be thrown away anyway.
  var pfChain = Promise.resolve()

  function queryPagefind(raw) {
    var seq = ++pfSeq
    pfChain = pfChain.then(function () {
      if (seq === pfSeq) return pagefind.then(function (pf) { return answerPagefind(pf, raw, seq) })
    }).catch(function (err) { console.error(err) })
  }

  function answerPagefind(pf, raw, seq, retry) {
    var t = transform(raw)
    lastPairs = t.pairs
    lastPartial = null  // the one-letter rule is lunr's (shards need two letters for a prefix)
    lastWords = t.words.map(function (w) { return [exact(w), fold(w)] })
    lastTyped = t.words
    var typed = lastWords.map(function (p) { return p[0] }).join(" ")
    var query = { typed: raw, engine: t.terms.join(" "), pagefind: typed }
    var key = fold(raw).replace(/[^a-z0-9]/g, "")
    var compact = /^\d/.test(key) && /[a-z]/.test(key) && t.terms.indexOf(key) >= 0 ? key : null
    // Each word goes as typed (exact form): Pagefind matches across tone marks itself, `đ`
    // only matches `đ`, and a plain `d` matches the folded forms the bundle added. Candidates
    // come from up to three searches: the document symbol key (its own page first), exact
    // accents only (so a rare exact word is not crowded out by a frequent folded twin), and
    // the loose search.
    var searches = []
    if (compact) searches.push([compact, false, true])
    if (lastWords.some(function (p) { return p[0] !== p[1] })) searches.push([typed, true, false])
    if (lastWords.length) searches.push([typed, false, false])
    var seen = {}, picked = []
    var run = searches.reduce(function (chain, s) {
      return chain.then(function () {
        return Promise.resolve(pf.options({ exactDiacritics: s[1] }))
      }).then(function () { return pf.search(s[0]) }).then(function (res) {
        ;((res && res.results) || []).slice(0, CANDIDATES).forEach(function (r) {
          if (seen[r.id]) return
          seen[r.id] = true
          // Whether it is the document's own page for its number is read from its meta `s`
          // (rankCandidates): the symbol search also finds the pages that cite it.
          picked.push({ result: r, symbol: false })
        })
      })
    }, Promise.resolve())
    return run.then(function () {
      return Promise.all(picked.map(function (p) {
        return p.result.data().then(function (data) {
          return { data: data, score: p.result.score, symbol: p.symbol }
        }, function (err) {
          console.error(err)  // one fragment lost: the other results still count
          return null
        })
      }))
    }).then(function (found) {
      if (seq !== pfSeq) return  // a newer query is on its way
      found = found.filter(Boolean)
      realPost({ type: RESULT, data: { items: rankCandidates(found), query: query } })
    }, function (err) {
      // A chunk that failed to load (busy network) is fetched again once.
      console.error(err)
      if (!retry && seq === pfSeq) return answerPagefind(pf, raw, seq, true)
      if (seq === pfSeq) realPost({ type: RESULT, data: { items: [], query: query } })
    })
  }

  /* ---- Shards: a static syllable index for large collections (ldkb.search_shards) ---------
   * When the index's config names a shard manifest (`ldkb_shards`, relative to this script)
   * and the page is served over http(s), queries are answered from posting lists computed at
   * build time and lunr is never built. Per typed word (folded; the last one as a prefix of
   * two letters or more) one shard file; sections matching every word win, then those with
   * the accents as typed, then with the words in their title, then the static order (the
   * build put documents first). Only the chunks of the first candidates are fetched, then
   * ranked by rankCandidates like Pagefind's. */
  var SHARD_CANDIDATES = 24
  var shards = null
  var shSeq = 0
  var shChain = Promise.resolve()
  var shFiles = {}

  function shardsWanted(index) {
    return !!(index && index.config && index.config.ldkb_shards &&
      /^https?:$/.test(self.location.protocol) && typeof document === "undefined")
  }

  // A JSON file of the index, fetched once; a failed fetch is forgotten so it can be retried.
  function getJSON(url) {
    if (!shFiles[url]) {
      shFiles[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status)
        return r.json()
      })
      shFiles[url].catch(function () { delete shFiles[url] })
    }
    return shFiles[url]
  }

  function startShards(message) {
    var url = new URL(message.data.config.ldkb_shards, self.location.href).href
    function load() {
      return getJSON(url).then(function (m) {
        var names = {}, exactNames = {}
        m.shards.forEach(function (s) { names[s] = true })
        m.exact.forEach(function (s) { exactNames[s] = true })
        return { url: url, manifest: m, names: names, exactNames: exactNames, v: "?v=" + (m.version || "") }
      })
    }
    shards = startSplit(load, message, function () { shards = null })
  }

  // Same names as ldkb.search_shards.shard_name.
  function shardName(key) {
    return Array.from(key).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_"
    }).join("")
  }

  // Sets every id of a posting list (ldkb.search_shards.encode) to 1 in `into`.
  function markPostings(b64, into) {
    if (!b64) return
    var bin = atob(b64), pos = 1, n = bin.length
    function varint() {
      var value = 0, shift = 0, b
      do {
        b = bin.charCodeAt(pos++)
        value += (b & 0x7f) * Math.pow(2, shift)
        shift += 7
      } while (b >= 0x80)
      return value
    }
    if (bin.charCodeAt(0) === 0) {
      var prev = -1
      while (pos < n) { prev += varint() + 1; into[prev] = 1 }
    } else {
      var first = varint()
      for (var i = pos; i < n; i++) {
        var byte = bin.charCodeAt(i)
        if (!byte) continue
        for (var bit = 0; bit < 8; bit++)
          if (byte & (1 << bit)) into[first + (i - pos) * 8 + bit] = 1
      }
    }
  }

  function shardURL(st, name, exactForms) {
    return new URL("sh/" + name + (exactForms ? ".x" : "") + ".json" + st.v, st.url).href
  }

  function fetchShard(st, key, exactForms) {
    var name = shardName(key)
    if (!(exactForms ? st.exactNames : st.names)[name]) return Promise.resolve({})
    return getJSON(shardURL(st, name, exactForms))
  }

  function queryShards(raw) {
    var seq = ++shSeq
    // Cached files resolve as microtasks: without a macrotask turn first the worker would answer
    // every keystroke in turn before it even receives the next ones (see burstDelay). The wait is
    // outside the chain of answers: in it, a burst's waits would add up one after another.
    setTimeout(function () {
      if (seq !== shSeq) return
      shChain = shChain.then(function () {
        if (seq === shSeq) return shards.then(function (st) { return answerShards(st, raw, seq) })
      }).catch(function (err) { console.error(err) })
    }, burstDelay())
  }

  function answerShards(st, raw, seq, retry) {
    var t = transform(raw)
    lastPairs = t.pairs
    lastPartial = null  // the one-letter rule is lunr's (shards need two letters for a prefix)
    lastWords = t.words.map(function (w) { return [exact(w), fold(w)] })
    lastTyped = t.words
    var query = { typed: raw, engine: t.terms.join(" "), shards: lastWords.map(function (p) { return p[1] }).join(" ") }
    var m = st.manifest, N = m.n
    // Symbol keys: a single word as typed (`117`, `cspl`), or the compact form of a number
    // with its letters (`117/KH-LĐLĐ` -> `117khldld`).
    var symKeys = []
    if (lastWords.length === 1) symKeys.push(lastWords[0][1])
    var key = fold(raw).replace(/[^a-z0-9]/g, "")
    if (lastWords.length > 1 && /^\d/.test(key) && t.terms.indexOf(key) >= 0) symKeys.push(key)
    var wanted = []
    lastWords.forEach(function (p) {
      wanted.push(fetchShard(st, p[1].slice(0, 2), false))
      wanted.push(p[0] !== p[1] ? fetchShard(st, p[1].slice(0, 2), true) : Promise.resolve({}))
    })
    symKeys.forEach(function (k) { wanted.push(fetchShard(st, k.slice(0, 2), false)) })
    return Promise.all(wanted).then(function (files) {
      if (seq !== shSeq) return null  // a newer keystroke arrived while the shards loaded
      var count = new Uint8Array(N), ex = new Uint8Array(N), ti = new Uint8Array(N), sy = new Uint8Array(N)
      var mark = new Uint8Array(N), tmark = new Uint8Array(N), xmark = new Uint8Array(N)
      var last = lastWords.length - 1, i, j
      lastWords.forEach(function (p, n) {
        var shard = files[2 * n], xshard = files[2 * n + 1]
        var prefix = n === last && p[1].length >= 2
        var syllables = prefix ? Object.keys(shard).filter(function (s) { return s.lastIndexOf(p[1], 0) === 0 })
          : (shard[p[1]] ? [p[1]] : [])
        mark.fill(0); tmark.fill(0); xmark.fill(0)
        syllables.forEach(function (s) {
          var post = shard[s]
          markPostings(post[0], mark)
          markPostings(post[1] === 1 ? post[0] : post[1], tmark)
          var forms = p[0] !== p[1] && xshard[s]
          if (forms) Object.keys(forms).forEach(function (e) {
            if (e === p[0] || (prefix && e.lastIndexOf(p[0], 0) === 0))
              markPostings(forms[e] === 1 ? post[0] : forms[e], xmark)
          })
        })
        for (i = 0; i < N; i++) {
          if (mark[i]) { count[i]++; if (tmark[i]) ti[i]++; if (xmark[i]) ex[i]++ }
        }
      })
      symKeys.forEach(function (k, n) {
        var post = files[2 * lastWords.length + n][k]
        if (post) markPostings(post[2], sy)
      })
      // The first candidates by (symbol, words matched, accents matched, title words, id).
      var best = [], keys = []
      for (i = 0; i < N; i++) {
        if (!count[i] && !sy[i]) continue
        var k = sy[i] * 16777216 + count[i] * 65536 + ex[i] * 256 + ti[i]
        if (best.length === SHARD_CANDIDATES && k <= keys[best.length - 1]) continue
        for (j = best.length; j > 0 && keys[j - 1] < k; j--) {}
        best.splice(j, 0, i)
        keys.splice(j, 0, k)
        if (best.length > SHARD_CANDIDATES) { best.pop(); keys.pop() }
      }
      if (seq !== shSeq) return null
      var chunks = {}
      best.forEach(function (id) { chunks[Math.floor(id / m.chunk)] = true })
      return Promise.all(Object.keys(chunks).map(function (c) {
        return getJSON(new URL("ch/" + c + ".json" + st.v, st.url).href).then(function (rows) { return [c, rows] })
      })).then(function (loaded) {
        var rows = {}
        loaded.forEach(function (x) { rows[x[0]] = x[1] })
        return best.map(function (id) {
          var r = rows[Math.floor(id / m.chunk)][id % m.chunk]
          var nw = lastWords.length || 1
          return {
            data: {
              content: r[2] + " " + MARKER + " " + String(r[1]).replace(/<[^>]*>/g, " ") + " " + r[7],
              meta: { l: r[0], title: r[1], b: r[3], p: r[4] || undefined, d: r[5] || undefined, pt: r[6] || undefined }
            },
            // Title words weigh more, as in lunr's index; then the static order.
            score: Math.pow(100, ti[id] / nw) * (1 - id / (2 * N)),
            symbol: sy[id] > 0
          }
        })
      })
    }).then(function (found) {
      if (seq !== shSeq || found === null) return
      realPost({ type: RESULT, data: { items: rankCandidates(found), query: query } })
    }, function (err) {
      console.error(err)
      if (!retry && seq === shSeq) return answerShards(st, raw, seq, true)
      if (seq === shSeq) realPost({ type: RESULT, data: { items: [], query: query } })
    })
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
    if (data && data.type === SETUP && shardsWanted(data.data)) {
      startShards(data)
      return
    }
    if (data && data.type === QUERY && shards !== null && typeof data.data === "string") {
      queryShards(data.data)
      return
    }
    if (data && data.type === SETUP && pagefindWanted(data.data)) {
      startPagefind(data)
      return
    }
    if (data && data.type === QUERY && pagefind !== null && typeof data.data === "string") {
      queryPagefind(data.data)
      return
    }
    if (data && data.type === SETUP && data.data && data.data.docs) {
      docs = {}
      flatCache = {}
      data.data.docs.forEach(function (doc) { docs[doc.location] = doc })
    }
    if (data && data.type === QUERY && typeof data.data === "string") {
      // Answered after a macrotask turn, or a short wait inside a burst (burstDelay): queries
      // that arrive meanwhile supersede it, so the page draws the latest results, not every prefix.
      var seq = ++lunrSeq, raw = data.data
      setTimeout(function () { if (seq === lunrSeq) queryLunr(raw) }, burstDelay())
      return
    }
    handler({ data: data })
  }

  var lunrSeq = 0

  /* Each answer costs the page ~10 ms of drawing (Material renders every result message), so
   * queries that come in a burst are answered once: fast typing, a Vietnamese input method
   * rewriting a word ("nawng" -> "năng" is several input events) or a paste. A query that comes
   * within BURST_MS of the one before waits BURST_MS for a newer one; a lone keystroke (people
   * type one every 100 ms or more) is answered at once. */
  var BURST_MS = 25
  var lastQueryAt = -Infinity
  function burstDelay() {
    var now = performance.now(), burst = now - lastQueryAt < BURST_MS
    lastQueryAt = now
    return burst ? BURST_MS : 0
  }

  function queryLunr(raw) {
    var t = transform(raw)
    lastPairs = t.pairs
    lastWords = t.words.map(function (w) { return [exact(w), fold(w)] })
    lastTyped = t.words
    lastPartial = t.partial ? lastWords[lastWords.length - 1] : null
    self.__ldkbLastQuery = { typed: raw, engine: t.terms.join(" "), lunr: t.query }
    handler({ data: { type: QUERY, data: t.query } })
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

  self.LDKB_SEARCH = { transform: transform, fold: fold, exact: exact, pagefindWanted: pagefindWanted,
    shardsWanted: shardsWanted, phrasesOf: phrasesOf, coveredWords: coveredWords, headingShare: headingShare,
    aboutFactor: aboutFactor, nearSubject: nearSubject, pointsOnly: pointsOnly }
  // Relative to this script: in the file:// iframe shim, a relative URL would resolve
  // against the page instead.
  var here = (typeof document !== "undefined" && document.currentScript && document.currentScript.src) ||
    self.location.href
  var loaded = importScripts(new URL(self.LDKB_MATERIAL_WORKER, here).href)
  if (loaded && typeof loaded.then === "function")
    loaded.then(null, function (err) { console.error(err) })
})()
