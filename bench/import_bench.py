"""The archive import at a newspaper's size (issue 12, item 5).

    python bench/import_bench.py generate --posts 10000 --attachments 2000 --out DIR
    python bench/import_bench.py measure --data DIR --out results.md [-- extra import_articles options]

``generate`` writes ``DIR/export.xml`` (a WordPress export, 1.2 namespace: classic
and block posts, Korean and English, captions, galleries of one, featured images,
credits in ``image_meta`` and Newspack's fields) and ``DIR/uploads/`` with one
1600×1067 JPEG per attachment. Nothing in it comes from a real paper.

``measure`` runs ``manage.py import_articles DIR/export.xml --uploads DIR/uploads
--commit --publish`` as a child process against the database in the environment,
samples the child's resident memory every half second, and writes the wall time,
the peak and the memory at each tenth of the run (flat is the goal), then the
counts the import reports.
"""

import argparse
import html
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORDS_KO = str.split(
    "정부 시장 기업 연구 항만 반도체 인공지능 기후 도시 교통 선거 교육 의료 문화 예산 수출 투자 "
    "발표 계획 조사 결과 지역 주민 회의 협약 개발 확대 지원 분석 전망 우려 변화"
)
WORDS_EN = str.split(
    "council market company research port chip model climate city transit vote school health culture "
    "budget export investment plan survey result region residents meeting agreement growth support"
)
NAMES = ["한지우", "박서연", "Dana Whitfield", "이도현", "최민준", "Maria Lopez", "정하은", "윤지호", "Sam Okafor"]
AUTHORS = [(f"reporter{n}", name) for n, name in enumerate(NAMES)]
CATEGORIES = [("economy", "경제"), ("politics", "정치"), ("tech", "기술"), ("world", "국제"), ("culture", "문화")]


def _sentence(rng, words, n):
    return " ".join(rng.choice(words) for _ in range(n))


def _php_string(value):
    return f's:{len(value.encode())}:"{value}";'


def _image_meta(credit, copyright_):
    fields = {"credit": credit, "copyright": copyright_, "caption": "", "title": ""}
    inner = "".join(_php_string(key) + _php_string(value) for key, value in fields.items())
    return f'a:4:{{s:5:"width";i:1600;s:6:"height";i:1067;s:4:"file";s:0:"";s:10:"image_meta";a:4:{{{inner}}}}}'


def _cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def generate(posts, attachments, out):
    from PIL import Image

    rng = random.Random(12)
    out = Path(out)
    uploads = out / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    site = "https://archive.example"
    started = time.monotonic()
    for number in range(1, attachments + 1):
        path = uploads / "2021" / f"{number % 12 + 1:02d}" / f"photo-{number}.jpg"
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        # A gradient with a few blocks: every file different, a photo's size on disk.
        base = Image.linear_gradient("L").resize((1600, 1067)).convert("RGB")
        tint = Image.new("RGB", (1600, 1067), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        picture = Image.blend(base, tint, 0.5)
        for _ in range(12):
            x, y = rng.randrange(1500), rng.randrange(967)
            picture.paste((rng.randrange(256), rng.randrange(256), rng.randrange(256)), (x, y, x + 100, y + 100))
        picture.save(path, "JPEG", quality=85)
    print(f"{attachments} photos in {time.monotonic() - started:.0f} s", file=sys.stderr)

    first_attachment = posts + 1
    with open(out / "export.xml", "w", encoding="utf-8") as xml:
        xml.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>Archive</title><link>{site}</link><language>ko-KR</language>\n"
            f"<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{site}</wp:base_site_url>"
            f"<wp:base_blog_url>{site}</wp:base_blog_url>\n"
        )
        for login, name in AUTHORS:
            xml.write(
                f"<wp:author><wp:author_login>{_cdata(login)}</wp:author_login>"
                f"<wp:author_email>{_cdata(login + '@archive.example')}</wp:author_email>"
                f"<wp:author_display_name>{_cdata(name)}</wp:author_display_name></wp:author>\n"
            )
        for nicename, name in CATEGORIES:
            xml.write(
                f"<wp:category><wp:category_nicename>{_cdata(nicename)}</wp:category_nicename>"
                f"<wp:cat_name>{_cdata(name)}</wp:cat_name></wp:category>\n"
            )
        for number in range(1, attachments + 1):
            post_id = first_attachment + number - 1
            month = number % 12 + 1
            relative = f"2021/{month:02d}/photo-{number}.jpg"
            credit = rng.choice(["연합뉴스", "뉴스1", "AP", "Reuters", "본지DB"])
            newspack = number % 3 == 0
            meta = (
                f"<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>{_cdata(relative)}"
                "</wp:meta_value></wp:postmeta>"
                f"<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value>"
                f"{_cdata(_image_meta('' if newspack else credit, credit))}</wp:meta_value></wp:postmeta>"
                f"<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>"
                f"{_cdata(_sentence(rng, WORDS_KO, 5))}</wp:meta_value></wp:postmeta>"
            )
            if newspack:
                meta += (
                    f"<wp:postmeta><wp:meta_key>_media_credit</wp:meta_key><wp:meta_value>{_cdata(credit)}"
                    "</wp:meta_value></wp:postmeta>"
                )
            xml.write(
                f"<item><title>{_cdata('photo ' + str(number))}</title>"
                f"<link>{site}/?attachment_id={post_id}</link>"
                f"<excerpt:encoded>{_cdata(_sentence(rng, WORDS_KO, 8))}</excerpt:encoded>"
                f"<content:encoded>{_cdata('')}</content:encoded>"
                f"<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>2021-{month:02d}-01 00:00:00</wp:post_date_gmt>"
                f"<wp:post_name>photo-{number}</wp:post_name><wp:status>inherit</wp:status>"
                f"<wp:post_type>attachment</wp:post_type>"
                f"<wp:attachment_url>{site}/wp-content/uploads/{relative}</wp:attachment_url>{meta}</item>\n"
            )
        for post_id in range(1, posts + 1):
            english = post_id % 5 == 0
            words = WORDS_EN if english else WORDS_KO
            login, _name = AUTHORS[post_id % len(AUTHORS)]
            nicename, category = CATEGORIES[post_id % len(CATEGORIES)]
            day = post_id % 28 + 1
            month = post_id % 12 + 1
            year = 2015 + post_id % 10
            paragraphs = [_sentence(rng, words, rng.randrange(20, 45)) + "." for _ in range(rng.randrange(5, 12))]
            attachment = first_attachment + (post_id % attachments) if post_id <= attachments else None
            if attachment and post_id % 2:
                # A classic post: blank-line paragraphs and a [caption] shortcode.
                caption = (
                    f'[caption id="attachment_{attachment}" align="aligncenter" width="1024"]<img class="wp-image-'
                    f'{attachment}" src="{site}/wp-content/uploads/x-1024x683.jpg" /> '
                    f"{html.escape(_sentence(rng, WORDS_KO, 6))}[/caption]"
                )
                content = "\n\n".join([*paragraphs[:2], caption, *paragraphs[2:]])
            else:
                blocks = [f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs]
                if attachment:
                    blocks.insert(
                        2,
                        f'<!-- wp:image {{"id":{attachment}}} -->\n<figure class="wp-block-image"><img src="x.jpg" '
                        f'class="wp-image-{attachment}"/><figcaption>{_sentence(rng, WORDS_KO, 6)}</figcaption>'
                        "</figure>\n<!-- /wp:image -->",
                    )
                content = "\n\n".join(blocks)
            slug = f"post-{post_id}"
            meta = (
                f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{attachment}"
                "</wp:meta_value></wp:postmeta>"
                if attachment
                else ""
            )
            xml.write(
                f"<item><title>{_cdata(_sentence(rng, words, 7))}</title>"
                f"<link>{site}/{year}/{month:02d}/{slug}/</link>"
                f"<dc:creator>{_cdata(login)}</dc:creator>"
                f"<content:encoded>{_cdata(content)}</content:encoded>"
                f"<excerpt:encoded>{_cdata('')}</excerpt:encoded>"
                f"<wp:post_id>{post_id}</wp:post_id>"
                f"<wp:post_date>{year}-{month:02d}-{day:02d} 09:00:00</wp:post_date>"
                f"<wp:post_date_gmt>{year}-{month:02d}-{day:02d} 00:00:00</wp:post_date_gmt>"
                f"<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status>"
                f"<wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="{nicename}">{_cdata(category)}</category>'
                f'<category domain="post_tag" nicename="tag-{post_id % 40}">{_cdata(_sentence(rng, words, 1))}'
                f"</category>{meta}</item>\n"
            )
        xml.write("</channel>\n</rss>\n")
    print(f"export.xml: {(out / 'export.xml').stat().st_size / 2**20:.1f} MB", file=sys.stderr)


def _rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def measure(data, out, extra):
    data = Path(data)
    report = Path(out).with_suffix(".json")
    command = [
        sys.executable,
        "manage.py",
        "import_articles",
        str(data / "export.xml"),
        "--uploads",
        str(data / "uploads"),
        "--commit",
        "--publish",
        "--report",
        str(report),
        "-v0",
        *extra,
    ]
    started = time.monotonic()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    samples = []
    while child.poll() is None:
        rss = _rss_mb(child.pid)
        if rss is not None:
            samples.append((time.monotonic() - started, rss))
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    if child.returncode:
        raise SystemExit(f"import_articles failed with exit {child.returncode}")
    result = json.loads(report.read_text())
    counts = result["counts"]
    reasons = {}
    for piece in result["pieces"]:
        for note in piece["notes"] + ([piece["error"]] if piece["error"] else []):
            reasons[note[:120]] = reasons.get(note[:120], 0) + 1
    peak = max(rss for _, rss in samples)
    tenths = []
    for tenth in range(1, 11):
        moment = elapsed * tenth / 10
        near = min(samples, key=lambda sample: abs(sample[0] - moment))
        tenths.append(f"{near[1]:.0f}")
    lines = [
        "# Archive import (issue 12)",
        "",
        f"- command: `{' '.join(command[1:])}`",
        f"- wall time: **{elapsed:.0f} s** ({elapsed / 60:.1f} min; goal: under 10 min)",
        f"- peak resident memory: **{peak:.0f} MB**",
        f"- memory at each tenth of the run (MB): {', '.join(tenths)}",
        f"- pieces: {counts['create']} created, {counts['update']} updated, {counts['unchanged']} unchanged, "
        f"{counts['error']} failed; {counts['published']} published; {counts['new_photos']} photos",
        f"- per piece: {elapsed / max(1, counts['create'] + counts['update'] + counts['unchanged']) * 1000:.0f} ms",
        "",
        "Renditions are made by the task queue afterwards (`photos.tasks.make_renditions`), not in this time.",
        "What memory grows is about the size of the report (a line per piece, kept to be written out at the end);",
        "the export is read as a stream (tests/importer/test_wxr.py holds 5 000 posts under 10 MB of allocations).",
    ]
    if reasons:
        lines += ["", "What the report says most (pieces):", ""]
        lines += [f"- {count}: {note}" for note, count in sorted(reasons.items(), key=lambda item: -item[1])[:5]]
    Path(out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate")
    gen.add_argument("--posts", type=int, default=10000)
    gen.add_argument("--attachments", type=int, default=2000)
    gen.add_argument("--out", required=True)
    run = commands.add_parser("measure")
    run.add_argument("--data", required=True)
    run.add_argument("--out", required=True)
    run.add_argument("extra", nargs="*")
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.posts, args.attachments, args.out)
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
        measure(args.data, args.out, args.extra)


if __name__ == "__main__":
    main()
