#!/usr/bin/env python3
"""The editor's preview times at 10,000 articles (issue 20, point 4): a
benchmark figure, not a timed test. Start `bantin serve` (release build) on a
corpus, then:

    python3 bench/gen_corpus.py --n 10000 --out /tmp/c10k --target bantin
    (cd /tmp/c10k && bantin serve --future --port 1111 &)
    python3 bench/editor_preview.py 1111 tin-tuc/SOME-ARTICLE.md

It times two dashboard queries, opens the article in the editor, then posts
previews as the page's script does after a pause in typing: the first one,
eight body edits, a front-matter change (the title), and a body edit after
it. Each line gives (time the request took in ms, time the server reports,
whether the quick path answered).
"""
import re,html,urllib.parse,urllib.request,json,time,sys
port=sys.argv[1]; rel=sys.argv[2]
B=f'http://127.0.0.1:{port}/__bantin/soan-bai/'
t=time.time(); urllib.request.urlopen(B+'?q=hoi+nghi&trang=3').read(); print('dashboard search+page', round((time.time()-t)*1000),'ms')
t=time.time(); urllib.request.urlopen(B+'?trang-thai=nhap').read(); print('dashboard state filter', round((time.time()-t)*1000),'ms')
s=urllib.request.urlopen(B+'sua?tep='+urllib.parse.quote(rel,safe='')).read().decode()
form=s[s.index('id="article-form"'):s.index('</form>')]
fields=[]
for m in re.finditer(r'<(input|textarea)([^>]*)>',form):
    tag=m.group(2); name=re.search(r' name="([^"]*)"',tag)
    if not name or ' disabled' in tag: continue
    if m.group(1)=='textarea':
        end=form.index('</textarea>',m.end()); v=form[m.end():end]
    else:
        if 'type="checkbox"' in tag and ' checked' not in tag: continue
        v=re.search(r' value="([^"]*)"',tag); v=v.group(1) if v else 'on'
    fields.append([html.unescape(name.group(1)),html.unescape(v)])
def preview(extra):
    f=[x[:] for x in fields]
    for x in f:
        if x[0]=='body': x[1]+=extra
    req=urllib.request.Request(B+'xem-truoc',data=urllib.parse.urlencode([tuple(x) for x in f]).encode(),headers={'Origin':f'http://127.0.0.1:{port}','Accept':'application/json'})
    t=time.time(); r=json.load(urllib.request.urlopen(req)); return round((time.time()-t)*1000), round(r['ms']), r['quick']
print('first preview (full run)', preview(''))
for i in range(8):
    print('typing', preview('\n\nThêm chữ số %d.' % i))
for x in fields:
    if x[0]=='title': x[1]+=' (sửa)'
print('front matter changed (full run, cached load)', preview(''))
print('then typing', preview('\n\nx'))
