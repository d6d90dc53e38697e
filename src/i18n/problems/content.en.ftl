## Problems found building the model and enriching it: articles, sections, terms, the documents registry, photos, limits (src/site, src/images).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.


## Articles and their addresses (src/site/assemble.rs, src/site/limits.rs, src/site/terms.rs).

problem-article-without-date = missing required key `date`: articles in a section need a date
problem-article-without-date-hint = add e.g. `date: 2023-02-15T08:46:50+07:00` or `date: 15/02/2023 08:46`
problem-no-url-from-file-name = cannot make a URL from this file name
problem-no-url-from-file-name-hint = rename the file with letters or digits, or set `slug:` in the front matter
problem-two-pages-one-url = two pages would have the URL { $url }: this one and { $first }
problem-two-pages-one-url-hint = rename one of the files or give one a different `slug:`
problem-two-files-one-url = two files would have the URL { $url }: this one and { $first }
problem-lead-image-not-found = image not found: content/{ $path }
problem-registry-turned-off = this file is for the documents registry, which config.yaml turns off (`registry: false`)
problem-registry-turned-off-hint = remove `registry: false` from config.yaml, or move the file out of content/
## $what is title, summary or body; the sizes are text (no digit grouping).
problem-over-limit = { $what ->
        [title] the title
        [summary] the summary
       *[body] the body
    } is { $size } { $what ->
        [body] bytes
       *[other] characters
    } long, more than the limit of { $allowed }
problem-over-limit-hint = shorten it, or raise `limits:` in config.yaml (docs: README, Limits)
problem-far-over-limit = { $what ->
        [title] the title
        [summary] the summary
       *[body] the body
    } is { $size } { $what ->
        [body] bytes
       *[other] characters
    } long, more than { $hard } ({ $factor } × the limit)
problem-far-over-limit-hint = shorten it, or raise `limits:` in config.yaml (docs: README, Limits)
problem-terms-share-a-url-name = `{ $name }` and `{ $owner }` are different words with the same URL name: `{ $name }` is published at { $url }
problem-terms-share-a-url-name-hint = if they are the same term, write it the same way everywhere

## The documents registry (src/site/registry/).

problem-attachment-not-a-file = expected a file next to the article, found `{ $written }`
problem-attachment-not-found = attachment not found: content/{ $path }
problem-url-of-the-registry = the URL { $url } belongs to the documents registry
problem-url-of-the-registry-hint = rename the file or give it another `slug:`
problem-number-empty = the document number is empty
problem-number-makes-no-address = cannot make a page address from the document number `{ $number }`
problem-number-makes-no-address-hint = write the number as on the document: `1141/UBND-KSTTHC`
problem-numbers-share-a-page = document numbers `{ $number }` and `{ $written }` would share the page { $url }: this one and the one in { $place }
problem-numbers-share-a-page-hint = check the number against the document
problem-document-described-twice = document { $number } is described differently in two files: `{ $key }` is "{ $mine }" here but "{ $theirs }" in { $place }
problem-document-described-twice-hint = one number is one document: give its fields once (in content/van-ban/) or write them the same way in both files
problem-unknown-status = unknown document status `{ $status }`
problem-status-did-you-mean = did you mean `{ $meant }`?
problem-known-statuses = known statuses: { $statuses }
## A number (`$about` = number) or a citation in a body (citation, linked
## to the record $number) not written as Decree 30/2020 shapes it. Each flaw
## fills a slot ($flaw1 … $flaw6: its kind, details in _a, _b, _c); a slot
## left is `none`, the last is `more` when there are more flaws than slots.
## Slot 1 may also say why the number cannot be read at all.
problem-number-malformed = { $about ->
        [citation] citation `{ $written }` is not written as a document number
       *[number] document number `{ $written }` is not written as Decree 30/2020 shapes it
    }{ $flaw1 ->
        [no-sequence] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: it must start with the sequence number
        [not-a-sequence] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: `{ $flaw1_a }` is not a sequence number
        [no-slash] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: `/` must follow the sequence number
        [not-a-year] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: { $flaw1_a } is not a year
        [party-shape] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: a Party number is `seq-TYPE/ISSUER`
        [empty-code] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: an abbreviation is empty (two separators in a row?)
        [bad-character] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: `{ $flaw1_a }` (U+{ $flaw1_b }) cannot appear in `{ $flaw1_c }`
        [lone-ampersand] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: `&` must join two abbreviations in `{ $flaw1_a }`
        [no-capital] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: `{ $flaw1_a }` must start with a capital letter
        [not-capitals] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: `{ $flaw1_a }` must be in capitals
        [type-and-issuer-joined] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: the type and the issuer are joined by `-`: `{ $flaw1_a }`
        [nothing-after-year] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`: after the year come the type and the issuer, joined by `-`
        [so-prefix] : the number is written without `Số:`
        [spaces] : the number contains spaces
        [eth] : `{ $flaw1_a }` (U+{ $flaw1_b }) is not the Vietnamese letter `Đ` (U+0110)
        [small-eth] : `ð` (U+00F0) is not the Vietnamese letter `đ` (U+0111)
        [separator] : the separator is `{ $flaw1_a }`, not `{ $flaw1_b }`
        [double-separator] : two separators in a row
        [edge-separator] : a separator at the start or the end
        [codes-joined] : type and issuer are joined by `-`: `{ $flaw1_a }`
        [case] : `{ $flaw1_a }` is written `{ $flaw1_b }`
       *[unreadable] : expected a number such as `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`
    }{ $flaw2 ->
        [so-prefix] ; the number is written without `Số:`
        [spaces] ; the number contains spaces
        [eth] ; `{ $flaw2_a }` (U+{ $flaw2_b }) is not the Vietnamese letter `Đ` (U+0110)
        [small-eth] ; `ð` (U+00F0) is not the Vietnamese letter `đ` (U+0111)
        [separator] ; the separator is `{ $flaw2_a }`, not `{ $flaw2_b }`
        [double-separator] ; two separators in a row
        [edge-separator] ; a separator at the start or the end
        [codes-joined] ; type and issuer are joined by `-`: `{ $flaw2_a }`
        [case] ; `{ $flaw2_a }` is written `{ $flaw2_b }`
        [more] ; …
       *[none] {""}
    }{ $flaw3 ->
        [so-prefix] ; the number is written without `Số:`
        [spaces] ; the number contains spaces
        [eth] ; `{ $flaw3_a }` (U+{ $flaw3_b }) is not the Vietnamese letter `Đ` (U+0110)
        [small-eth] ; `ð` (U+00F0) is not the Vietnamese letter `đ` (U+0111)
        [separator] ; the separator is `{ $flaw3_a }`, not `{ $flaw3_b }`
        [double-separator] ; two separators in a row
        [edge-separator] ; a separator at the start or the end
        [codes-joined] ; type and issuer are joined by `-`: `{ $flaw3_a }`
        [case] ; `{ $flaw3_a }` is written `{ $flaw3_b }`
        [more] ; …
       *[none] {""}
    }{ $flaw4 ->
        [so-prefix] ; the number is written without `Số:`
        [spaces] ; the number contains spaces
        [eth] ; `{ $flaw4_a }` (U+{ $flaw4_b }) is not the Vietnamese letter `Đ` (U+0110)
        [small-eth] ; `ð` (U+00F0) is not the Vietnamese letter `đ` (U+0111)
        [separator] ; the separator is `{ $flaw4_a }`, not `{ $flaw4_b }`
        [double-separator] ; two separators in a row
        [edge-separator] ; a separator at the start or the end
        [codes-joined] ; type and issuer are joined by `-`: `{ $flaw4_a }`
        [case] ; `{ $flaw4_a }` is written `{ $flaw4_b }`
        [more] ; …
       *[none] {""}
    }{ $flaw5 ->
        [so-prefix] ; the number is written without `Số:`
        [spaces] ; the number contains spaces
        [eth] ; `{ $flaw5_a }` (U+{ $flaw5_b }) is not the Vietnamese letter `Đ` (U+0110)
        [small-eth] ; `ð` (U+00F0) is not the Vietnamese letter `đ` (U+0111)
        [separator] ; the separator is `{ $flaw5_a }`, not `{ $flaw5_b }`
        [double-separator] ; two separators in a row
        [edge-separator] ; a separator at the start or the end
        [codes-joined] ; type and issuer are joined by `-`: `{ $flaw5_a }`
        [case] ; `{ $flaw5_a }` is written `{ $flaw5_b }`
        [more] ; …
       *[none] {""}
    }{ $flaw6 ->
        [so-prefix] ; the number is written without `Số:`
        [spaces] ; the number contains spaces
        [eth] ; `{ $flaw6_a }` (U+{ $flaw6_b }) is not the Vietnamese letter `Đ` (U+0110)
        [small-eth] ; `ð` (U+00F0) is not the Vietnamese letter `đ` (U+0111)
        [separator] ; the separator is `{ $flaw6_a }`, not `{ $flaw6_b }`
        [double-separator] ; two separators in a row
        [edge-separator] ; a separator at the start or the end
        [codes-joined] ; type and issuer are joined by `-`: `{ $flaw6_a }`
        [case] ; `{ $flaw6_a }` is written `{ $flaw6_b }`
        [more] ; …
       *[none] {""}
    }{ $about ->
        [citation] ; it is linked to { $number }
       *[number] {""}
    }
problem-number-did-you-mean = did you mean `{ $meant }`?
problem-number-reads-like = a number reads like `1141/UBND-KSTTHC`, `12/2023/QĐ-UBND` or `39-CT/TW`
problem-citation-write-number = write `{ $number }`

## Photos, SVG covers and the site's share picture and logo (src/images/).

problem-link-to-original-photo = this links to the original photo content/{ $path }, which is not published (photos are published only as resized copies without their metadata)
problem-link-to-original-photo-hint = show the photo with `![…](…)` instead, or set `publish_originals: true` in config.yaml
problem-lead-image-without-alt = missing `image_alt`: a lead image needs a text alternative
problem-lead-image-without-alt-hint = add `image_alt: "…"` saying what the photo shows, for readers who cannot see it
problem-bad-image-focus = expected a focal point as two percentages, from the left and from the top, such as "30% 40%", found `{ $value }`
## Why a picture could not be processed. $at is what it is about followed
## by ": " (`content/tin-tuc/anh.jpg: `, `` `logo`: ``), or nothing; $detail
## is the words of the image library or of the system.
problem-photo-unreadable = { $at }cannot read the image: { $detail }
problem-photo-not-an-image = { $at }not an image: the file's content is not JPEG, PNG or WebP (was another file renamed?)
problem-photo-other-format = { $at }the file is a { $format } image; expected JPEG, PNG or WebP
problem-photo-truncated = { $at }the image file is truncated (it ends before the picture does): copy it again from the camera or phone
problem-photo-too-large = { $at }the photo is too large to process: { $pixels } pixels ({ $megapixels } megapixels); the limit is { $limit_mp } megapixels and { $side } pixels a side
problem-photo-over-memory = { $at }the photo is too large to process within the memory limit (512 MB decoded); reduce it to at most 64 megapixels
problem-photo-damaged = { $at }the image file is damaged or not a valid image: { $detail }
problem-photo-resize-failed = { $at }cannot resize the image: { $detail }
problem-photo-encode-failed = { $at }cannot encode the image: { $detail }
problem-photo-pixel-type = { $at }cannot encode the image: unexpected pixel type
problem-photo-webp-failed = { $at }cannot encode the image as WebP: { $detail }
problem-photo-cache-unreadable = { $at }cannot read the image cache { $cache }: { $detail }
problem-photo-cache-unwritable = { $at }cannot write the image cache { $folder }: { $detail }
problem-photo-not-found = { $at }image not found: content/{ $path }
problem-photo-not-a-photo = { $at }expected a JPEG, PNG or WebP photo, found `{ $path }`
problem-svg-not-found = { $at }image not found
problem-svg-unreadable = { $at }cannot read the SVG: { $detail }
problem-svg-cannot-draw = { $at }cannot draw a { $size } picture
problem-svg-wrong-size = { $at }the drawn SVG has an unexpected size
problem-share-not-a-picture = { $at }expected a PNG, JPEG or WebP picture (social networks show no SVG), found `{ $value }`
problem-share-no-file = { $at }no file `{ $path }` in the theme's static/ folder or in content/
problem-share-unreadable = { $at }cannot read `{ $path }`: { $detail }
problem-share-not-readable = { $at }`{ $path }` is not a readable picture: { $detail }
