"""The Korean press-layout reader: what an editor would notice in the records it makes.

The samples under ``samples/press`` are invented news with fictional people
and companies; wire services appear only as photo credits.
"""

import hashlib
import re
import shutil
from datetime import date, datetime
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import markdown
import pytest
from PIL import Image

from importer.parsed import (
    TODO_AUTHOR,
    TODO_CREDIT,
    TODO_HEADLINE,
    TODO_OTHER,
    TODO_PHOTO,
    TODO_QUOTE_DATE,
    TODO_QUOTE_SPEAKER,
    MarkdownBlock,
    ParsedArticle,
    ParseProblem,
    PhotoBlock,
    QuoteBlock,
)
from importer.presstext import (
    find_press_files,
    markdown_escape,
    photo_file_for,
    read_byline,
    read_footer,
    read_press_file,
    split_caption,
)

SAMPLES = Path(__file__).parent / "samples" / "press"
SEOUL = ZoneInfo("Asia/Seoul")
PARAGRAPH = "한빛시는 다음 달부터 시내버스 노선 열두 개를 새로 고친다고 밝혔다. 바뀐 노선은 누리집에서 볼 수 있다."


def read(name):
    article = read_press_file(SAMPLES / name, root=SAMPLES)
    assert isinstance(article, ParsedArticle), article
    return article


def read_text(text, tmp_path, name="기사.txt"):
    article = read_press_file(tmp_path / name, root=tmp_path, text=text)
    assert isinstance(article, ParsedArticle), article
    return article


def photos(article):
    return [block.photo for block in article.body if isinstance(block, PhotoBlock)]


def quotes(article):
    return [block.quote for block in article.body if isinstance(block, QuoteBlock)]


def body_markdown(article):
    return "\n\n".join(block.text for block in article.body if isinstance(block, MarkdownBlock))


def visible_paragraphs(markdown_text):
    """The paragraphs a reader sees once Python-Markdown has rendered ``markdown_text``."""
    html = markdown.markdown(markdown_text, extensions=["sane_lists"])
    return [unescape(re.sub(r"<[^>]+>", "", paragraph)) for paragraph in re.findall(r"<p>(.*?)</p>", html, re.S)]


def paragraphs(article):
    return visible_paragraphs(body_markdown(article))


def kinds(article):
    return [type(block).__name__ for block in article.body]


def todos(article, kind):
    return [todo for todo in article.todos if todo.kind == kind]


def make_jpeg(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 6), (200, 120, 40)).save(path, "JPEG")
    return path


# ---------------------------------------------------------------------------
# The whole layout


def test_a_full_article_in_the_press_layout():
    article = read("full.txt")

    assert article.source == "text"
    assert article.source_id == article.file == "full.txt"
    assert article.position == ""
    assert article.status == "draft"
    assert article.language == "ko"
    assert article.headline == "한빛전자, 저전력 AI 칩 '누리' 공개"
    assert article.dek == '내년 상반기 양산… "전력 소비 절반으로"'
    assert article.published_at == datetime(2024, 5, 3, 9, 30, tzinfo=SEOUL)
    assert article.modified_at == datetime(2024, 5, 3, 11, 2, tzinfo=SEOUL)
    assert [(author.name, author.email) for author in article.authors] == [("김하늘", "haneul@example.com")]
    assert article.copyright_holder == "한빛일보"
    assert article.copyright_text == "저작권자 © 한빛일보 무단전재 및 재배포 금지"
    assert article.related_headlines == ["한빛전자, 반도체 투자 확대", "데이터센터 전력난, 해법은"]
    assert article.content_hash == hashlib.sha256((SAMPLES / "full.txt").read_bytes()).hexdigest()

    assert kinds(article) == ["MarkdownBlock", "PhotoBlock", "MarkdownBlock", "QuoteBlock", "MarkdownBlock"]
    assert paragraphs(article) == [
        "한빛전자가 3일 서울 강남구 본사에서 저전력 인공지능(AI) 칩 '누리'를 공개했다. "
        "회사는 기존 제품보다 전력 소비를 절반으로 줄였다고 설명했다.",
        "홍길동 대표는 “인공지능은 도구일 뿐이다”라고 말했다.",
        "누리는 스마트폰과 노트북에 들어가는 것을 목표로 설계됐다. 회사는 내년 상반기 양산에 들어간다.",
        "업계에서는 이번 칩이 데이터센터 시장에서도 경쟁력을 가질 것으로 본다.",
    ]
    (photo,) = photos(article)
    assert (photo.caption, photo.credit, photo.alt_text) == (
        "홍길동 한빛전자 대표가 발언하고 있다",
        "본지DB",
        photo.caption,
    )
    assert photo.path is None
    assert photo.key == "slot:" + hashlib.sha256("홍길동 한빛전자 대표가 발언하고 있다본지DB".encode()).hexdigest()[:16]
    (slot,) = todos(article, TODO_PHOTO)
    assert slot.blocking
    assert slot.message == "사진 자리: “홍길동 한빛전자 대표가 발언하고 있다” (본지DB) — 사진 파일을 올려 주세요"
    assert slot.data["caption"] == photo.caption and slot.data["credit"] == "본지DB"
    assert slot.data["after_paragraph"] == 1
    (quote,) = quotes(article)
    assert (quote.text, quote.language, quote.original_text, quote.original_language) == (
        "인공지능은 도구일 뿐이다",
        "ko",
        "AI is just a tool.",
        "en",
    )
    assert quote.speaker == "홍길동"
    assert quote.key == hashlib.sha256("인공지능은 도구일 뿐이다AI is just a tool.".encode()).hexdigest()[:16]
    assert not todos(article, TODO_QUOTE_SPEAKER)
    assert [todo.blocking for todo in todos(article, TODO_QUOTE_DATE)] == [False]
    assert not todos(article, TODO_AUTHOR) and not todos(article, TODO_HEADLINE)

    text = body_markdown(article)
    for leftover in ("사진", "본지DB", "관련", "기자", "저작권", "입력", "haneul", "AI is just", "한빛일보="):
        assert leftover not in text
    assert article.recognised.count("a repeated line dropped") == 1
    assert "copyright footer: 한빛일보" in article.recognised
    assert "byline: 김하늘" in article.recognised
    assert "related pointer “한빛전자, 반도체 투자 확대”" in article.recognised
    assert "quote with its English original, said by 홍길동" in article.recognised
    assert "photo caption “홍길동 한빛전자 대표가 발언하고 있다”, credit “본지DB” (form “(사진:본지DB)”)" in (
        article.recognised
    )


# ---------------------------------------------------------------------------
# Photo captions and credits

CREDIT_FORMS = [
    ("홍길동 대표가 발언하고 있다(사진:본지DB)", "홍길동 대표가 발언하고 있다", "본지DB"),
    ("시민들이 광장을 걷고 있다 (사진=연합뉴스)", "시민들이 광장을 걷고 있다", "연합뉴스"),
    ("[사진=AP] 시위대가 행진하고 있다", "시위대가 행진하고 있다", "AP"),
    ("시위대가 행진하고 있다 [사진=AP]", "시위대가 행진하고 있다", "AP"),
    ("항구에 정박한 화물선 사진: 로이터", "항구에 정박한 화물선", "로이터"),
    ("사진: 로이터", "", "로이터"),
    ("기자회견장에 모인 취재진 /뉴스1 제공", "기자회견장에 모인 취재진", "뉴스1"),
    ("기자회견장에 모인 취재진 /뉴스1", "기자회견장에 모인 취재진", "뉴스1"),
    ("참가자들이 달리고 있다. 2024.5.3/뉴스1", "참가자들이 달리고 있다.", "뉴스1"),
    ("새로 문을 연 도서관 사진 제공=한빛시", "새로 문을 연 도서관", "한빛시"),
    ("사진 제공=한빛시", "", "한빛시"),
    ("새로 문을 연 도서관 (제공=한빛시)", "새로 문을 연 도서관", "한빛시"),
    ("새로 문을 연 도서관(한빛시 제공)", "새로 문을 연 도서관", "한빛시"),
    ("불꽃놀이를 지켜보는 시민들 ⓒ 연합뉴스", "불꽃놀이를 지켜보는 시민들", "연합뉴스"),
    ("화면 갈무리(연합뉴스)", "화면 갈무리", "연합뉴스"),
    ("침수된 도로를 지나는 차량들(AP=연합뉴스)", "침수된 도로를 지나는 차량들", "AP=연합뉴스"),
    ("▲ 개막식에서 인사하는 김보령 시장 (사진=한빛일보DB)", "개막식에서 인사하는 김보령 시장", "한빛일보DB"),
    ("Workers repair the bridge (Photo: Reuters)", "Workers repair the bridge", "Reuters"),
]


@pytest.mark.parametrize(("line", "caption", "credit"), CREDIT_FORMS)
def test_each_credit_form_gives_the_caption_and_the_credit(line, caption, credit):
    found = split_caption(line)
    assert found is not None, line
    assert (found.caption, found.credit) == (caption, credit)


NOT_CAPTIONS = [
    "한빛전자는 25일 새 스마트폰 '누리폰'을 발표했다(사진)",
    "한빛전자(123450)",
    "국제통화기금(IMF)",
    "한빛전자는 하반기 수요가 회복될 것이라고 설명했다(종합)",
    "정부는 내년 예산안을 확정했다.(연합뉴스)",
    "원화 가치는 한 달 새 3% 떨어졌다 / 달러 기준",
    "매출은 1조2천억 원으로 집계됐다(잠정)",
    "노스윈드AI(Northwind AI)",
    "가격은 24/7 같다",
    "회사 관계자는 “투자는 계속된다”고 말했다.",
]


@pytest.mark.parametrize("line", NOT_CAPTIONS)
def test_sentences_ending_in_a_parenthesis_are_not_captions(line):
    assert split_caption(line) is None


def test_every_credit_form_in_a_file_becomes_a_photo_where_its_line_was():
    article = read("credits.txt")

    assert [(photo.caption, photo.credit) for photo in photos(article)] == [
        ("김보령 보령시장이 개막식에서 인사말을 하고 있다", "본지DB"),
        ("머드탕에 뛰어드는 관광객들", "연합뉴스"),
        ("진흙을 바른 외국인 관광객들이 기념사진을 찍고 있다", "AP"),
        ("축제장 야경", "AP"),
        ("해변 무대에서 공연하는 합창단", "로이터"),
        ("축제장 입구에 세워진 안내판", "로이터"),  # "사진: 로이터" on the line after
        ("머드 미끄럼틀을 타는 어린이들", "로이터"),  # "사진: 로이터" on the line before
        ("축제장 상공에서 내려다본 해변", "뉴스1"),
        ("모래 조각 작품을 둘러보는 시민들", "뉴스1"),
        ("대천해수욕장 입구의 대형 조형물", "보령시"),
        ("해변을 메운 파라솔", "보령시"),
        ("불꽃놀이를 지켜보는 관광객들", "연합뉴스"),
        ("행사장 안내 영상 화면 갈무리", "연합뉴스"),
        ("머드 마사지 체험 부스", "보령시"),
        ("외국인 관광객들이 머드 씨름을 하고 있다.", "뉴스1"),
    ]
    assert all(photo.alt_text == photo.caption for photo in photos(article))
    assert kinds(article)[:4] == ["MarkdownBlock", "PhotoBlock", "MarkdownBlock", "PhotoBlock"]
    assert paragraphs(article) == [
        "충남 보령시 대천해수욕장에서 열린 머드축제에 첫 주말 12만 명이 다녀갔다고 보령시가 7일 밝혔다. "
        "올해 축제는 오는 21일까지 이어진다.",
        "개막식에는 주민과 관광객 3천여 명이 참석했다.",
        "시는 축제 기간 교통 혼잡에 대비해 임시 주차장 다섯 곳을 운영한다.",
    ]
    slots = todos(article, TODO_PHOTO)
    assert len(slots) == 15 and all(todo.blocking for todo in slots)
    assert [todo.data["after_paragraph"] for todo in slots[:3]] == [1, 2, 2]
    assert "사진 자리: “머드탕에 뛰어드는 관광객들” (연합뉴스) — 사진 파일을 올려 주세요" in [
        todo.message for todo in slots
    ]
    forms = [line for line in article.recognised if line.startswith("photo caption")]
    assert any("(form “/뉴스1 제공”)" in line for line in forms)
    assert any("(form “ⓒ 연합뉴스”)" in line for line in forms)
    assert any("(form “(연합뉴스)”)" in line for line in forms)


def test_the_false_positives_stay_paragraphs():
    article = read("false-positives.txt")

    assert photos(article) == []
    assert article.dek == ""
    assert paragraphs(article) == [
        "한빛전자는 25일 서울 본사에서 새 스마트폰 '누리폰'을 발표했다(사진)",
        "한빛전자(123450)",
        "국제통화기금(IMF)",
        "한빛전자는 하반기 수요가 회복될 것이라고 설명했다(종합)",
        "정부는 내년 예산안을 확정했다.(연합뉴스)",
        "관련 기사가 나간 뒤 회사에는 문의가 잇따랐다.",
        "저작권자는 이번 판결에 반발했다.",
        "원화 가치는 한 달 새 3% 떨어졌다 / 달러 기준",
        "회사 관계자는 “투자는 계속된다”고 말했다.",
    ]
    assert article.related_headlines == []
    assert article.copyright_holder == "" and article.copyright_text == ""
    assert quotes(article) == []


def test_a_long_paragraph_ending_with_a_credit_keeps_its_text_and_gets_a_photo_slot(tmp_path):
    long = "한빛시가 올해 처음으로 시민 천 명에게 물은 결과 " * 4 + "대중교통 만족도가 지난해보다 올랐다."
    article = read_text(f"시민 만족도 조사\n\n{long} (사진=연합뉴스)\n\n{PARAGRAPH}\n", tmp_path)

    assert paragraphs(article) == [long, PARAGRAPH]
    (photo,) = photos(article)
    assert (photo.caption, photo.credit) == ("", "연합뉴스")
    assert kinds(article) == ["MarkdownBlock", "PhotoBlock", "MarkdownBlock"]


# ---------------------------------------------------------------------------
# Headline, repeats


def test_a_scraped_copy_that_begins_with_the_caption_has_no_headline():
    article = read("caption-first.txt")

    assert article.headline == ""
    (todo,) = todos(article, TODO_HEADLINE)
    assert todo.blocking
    assert todo.message == "제목을 찾지 못했습니다 — 제목을 적어 주세요"
    first = article.body[0]
    assert isinstance(first, PhotoBlock)
    assert (first.photo.caption, first.photo.credit) == ("서해안 갯벌에서 주민들이 바지락을 캐고 있다", "연합뉴스")
    # The caption repeated as a paragraph, and the paragraph repeated, are kept once.
    assert paragraphs(article) == [
        "충남 보령시 앞바다의 바지락 어획량이 3년 만에 다시 늘었다. "
        "보령시는 지난달 어획량이 지난해 같은 달보다 18% 많았다고 5일 밝혔다.",
        "시는 수온이 예년 수준을 되찾고 어린 조개를 뿌리는 사업을 이어간 덕분으로 보고 있다. "
        "어민들은 올해 가을까지 작황이 이어지기를 기대하고 있다.",
        "어촌계는 다음 달부터 주말 체험 프로그램을 두 배로 늘릴 계획이다.",
    ]
    assert article.recognised.count("a repeated line dropped") == 2
    assert [(photo.caption, photo.credit) for photo in photos(article)][1] == (
        "갯벌 체험장을 찾은 관광객들이 조개를 줍고 있다",
        "뉴스1",
    )
    assert [todo.data["after_paragraph"] for todo in todos(article, TODO_PHOTO)] == [0, 2]


def test_a_headline_after_the_leading_caption_is_taken(tmp_path):
    article = read_text(
        f"버스 정류장에 붙은 새 노선도 (사진=한빛일보DB)\n\n한빛시 버스 노선 12개 바뀐다\n\n{PARAGRAPH}\n", tmp_path
    )

    assert article.headline == "한빛시 버스 노선 12개 바뀐다"
    assert not todos(article, TODO_HEADLINE)
    assert photos(article)[0].caption == "버스 정류장에 붙은 새 노선도"
    assert paragraphs(article) == [PARAGRAPH]


def test_a_file_that_starts_with_a_body_paragraph_has_no_headline(tmp_path):
    article = read_text(f"{PARAGRAPH} 시는 이달 말까지 의견을 받는다.\n{PARAGRAPH}\n", tmp_path)

    assert article.headline == ""
    assert todos(article, TODO_HEADLINE)


def test_the_headline_repeated_as_the_first_paragraph_is_dropped(tmp_path):
    article = read_text(f"한빛시 버스 노선 12개 바뀐다\n\n한빛시 버스 노선 12개 바뀐다\n\n{PARAGRAPH}\n", tmp_path)

    assert article.headline == "한빛시 버스 노선 12개 바뀐다"
    assert paragraphs(article) == [PARAGRAPH]
    assert article.recognised == ["a repeated line dropped"]


def test_a_file_without_blank_lines_has_a_paragraph_per_line(tmp_path):
    article = read_text(
        f"한빛시 버스 노선 12개 바뀐다\n{PARAGRAPH}\n{PARAGRAPH}\n새 노선은 다음 달 1일부터 달린다.\n", tmp_path
    )

    assert paragraphs(article) == [PARAGRAPH, "새 노선은 다음 달 1일부터 달린다."]
    assert article.recognised == ["a repeated line dropped"]


def test_hard_wrapped_lines_are_one_paragraph(tmp_path):
    article = read_text(
        "한빛시 버스 노선 바뀐다\n\n한빛시는 다음 달부터 시내버스\n노선 열두 개를 새로 고친다.\n", tmp_path
    )

    assert paragraphs(article) == ["한빛시는 다음 달부터 시내버스 노선 열두 개를 새로 고친다."]


@pytest.mark.parametrize(
    ("second", "dek"),
    [
        ("- 다음 달 1일부터 12개 노선 개편", "다음 달 1일부터 12개 노선 개편"),
        ("ㅡ 다음 달 1일부터 12개 노선 개편", "다음 달 1일부터 12개 노선 개편"),
        ("\n다음 달 1일부터 12개 노선 개편", "다음 달 1일부터 12개 노선 개편"),
        ("\n다음 달 1일부터 12개 노선을 바꾼다.", ""),
    ],
)
def test_the_dek(second, dek, tmp_path):
    article = read_text(f"한빛시 버스 노선 바뀐다\n{second}\n\n{PARAGRAPH}\n", tmp_path)

    assert article.dek == dek
    assert len(paragraphs(article)) == (1 if dek else 2)


# ---------------------------------------------------------------------------
# Related-article pointers


@pytest.mark.parametrize(
    "line",
    [
        "(본지 관련 보도기사: 한빛시 버스 요금 동결 참조)",
        "관련기사: 한빛시 버스 요금 동결",
        "▶ 관련기사 한빛시 버스 요금 동결",
        "[관련기사] 한빛시 버스 요금 동결",
        "[관련기사] “한빛시 버스 요금 동결”",
    ],
)
def test_a_pointer_on_a_line_of_its_own(line, tmp_path):
    article = read_text(
        f"한빛시 버스 노선 바뀐다\n\n{PARAGRAPH}\n\n{line}\n\n새 노선은 다음 달부터 달린다.\n", tmp_path
    )

    assert article.related_headlines == ["한빛시 버스 요금 동결"]
    assert paragraphs(article) == [PARAGRAPH, "새 노선은 다음 달부터 달린다."]
    assert "related pointer “한빛시 버스 요금 동결”" in article.recognised


@pytest.mark.parametrize(
    "pointer",
    [
        "(본지 관련 보도기사: 한빛시 버스 요금 동결 참조)",
        "(관련기사: 한빛시 버스 요금 동결)",
        "▶ 관련기사 한빛시 버스 요금 동결",
    ],
)
def test_a_pointer_closing_a_paragraph_is_cut_from_it(pointer, tmp_path):
    article = read_text(f"한빛시 버스 노선 바뀐다\n\n{PARAGRAPH} {pointer}\n", tmp_path)

    assert article.related_headlines == ["한빛시 버스 요금 동결"]
    assert paragraphs(article) == [PARAGRAPH]


def test_a_list_of_related_articles(tmp_path):
    article = read_text(
        f"한빛시 버스 노선 바뀐다\n\n{PARAGRAPH}\n\n[관련기사]\n▶ 한빛시 버스 요금 동결\n▶ 지하철 3호선 연장 확정\n",
        tmp_path,
    )

    assert article.related_headlines == ["한빛시 버스 요금 동결", "지하철 3호선 연장 확정"]
    assert paragraphs(article) == [PARAGRAPH]


# ---------------------------------------------------------------------------
# Quotes with their original


def test_quotes_with_their_original():
    article = read("quotes.txt")
    found = quotes(article)

    assert [(quote.text, quote.original_text, quote.original_language) for quote in found] == [
        ("한국어 모델을 내년에 공개하겠다", "We will release the Korean model next year.", "en"),
        ("인공지능은 도구일 뿐이다", "AI is just a tool.", "en"),
        ("모델이 모르는 것을 말할 줄 알아야 한다", "A model must be able to say what it does not know.", "en"),
        ("변화는 이미 시작됐다", "変化はもう始まっている", "ja"),
    ]
    assert all(quote.language == "ko" for quote in found)
    # "<이름> <직함>은 … 2024년 5월 3일 …": the speaker and the date are read.
    assert (found[0].speaker, found[0].said_on) == ("유하진", date(2024, 5, 3))
    # A quote that is a whole paragraph with no speaker named: blocking to-do.
    assert (found[1].speaker, found[1].said_on) == ("", None)
    # After a lead-in "오하늘 최고기술책임자는 … 이렇게 적었다.": the speaker; "지난 3일" is no date.
    assert (found[2].speaker, found[2].said_on) == ("오하늘", None)
    assert found[3].speaker == ""  # "한 임원은": nobody named

    speakers = todos(article, TODO_QUOTE_SPEAKER)
    assert [todo.data["text"] for todo in speakers] == ["인공지능은 도구일 뿐이다", "변화는 이미 시작됐다"]
    assert all(todo.blocking for todo in speakers)
    assert speakers[0].message == "인용문 “인공지능은 도구일 뿐이다”: 누가 한 말인지 적어 주세요"
    dates = todos(article, TODO_QUOTE_DATE)
    assert len(dates) == 3 and not any(todo.blocking for todo in dates)

    assert kinds(article) == [
        "MarkdownBlock",
        "QuoteBlock",  # after the paragraph it was in
        "QuoteBlock",  # the whole paragraph replaced
        "MarkdownBlock",
        "QuoteBlock",
        "MarkdownBlock",
        "QuoteBlock",
    ]
    assert paragraphs(article) == [
        "미국 인공지능(AI) 기업 노스윈드AI가 한국어 대형언어모델을 내년에 공개한다.",
        '유하진 노스윈드AI 대표는 2024년 5월 3일 서울에서 열린 간담회에서 "한국어 모델을 내년에 공개하겠다"라고 '
        "말했다 회사는 구체적인 일정은 밝히지 않았다.",
        "오하늘 최고기술책임자는 지난 3일 자신의 블로그에 이렇게 적었다.",
        "일본 협력사의 한 임원은 “변화는 이미 시작됐다”라고 했다.",
    ]
    assert "quote with its Japanese original" in article.recognised
    assert article.recognised.count("quote with its English original") == 1


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“투자는 계속된다”(“We will keep investing.”)라고 한빛전자 홍길동 대표가 말했다.", "홍길동"),
        ("“투자는 계속된다”(“We will keep investing.”)라고 홍길동이 말했다.", "홍길동"),
        ("홍길동 대표와 김철수 교수는 “투자는 계속된다”(“We will keep investing.”)고 말했다.", ""),
        ("그는 “투자는 계속된다”(“We will keep investing.”)고 말했다.", ""),
    ],
)
def test_the_speaker_only_when_clear(paragraph, speaker, tmp_path):
    article = read_text(f"한빛전자 투자 계속\n\n{paragraph}\n", tmp_path)

    (quote,) = quotes(article)
    assert quote.speaker == speaker
    assert bool(todos(article, TODO_QUOTE_SPEAKER)) == (not speaker)
    assert "We will keep investing" not in body_markdown(article)


# ---------------------------------------------------------------------------
# Footer, byline, date


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        ("저작권자 © 한빛일보 무단전재 및 재배포 금지", "한빛일보"),
        ("Copyright © Pacific Tech Review All rights reserved", "Pacific Tech Review"),
        ("Copyright © 2024 한빛일보. All rights reserved.", "한빛일보"),
        ("ⓒ 한빛일보", "한빛일보"),
        ("한빛일보 무단 전재-재배포 금지", "한빛일보"),
        ("Copyright ⓒ 한빛일보. 무단전재 및 재배포금지", "한빛일보"),
        ("<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", "연합뉴스"),
        ("저작권자 © 한빛일보 무단전재 및 재배포, AI학습 이용 금지", "한빛일보"),
    ],
)
def test_each_footer_variant(line, holder, tmp_path):
    article = read_text(f"한빛시 버스 노선 바뀐다\n\n{PARAGRAPH}\n\n{line}\n", tmp_path)

    assert article.copyright_holder == holder
    assert article.copyright_text == line
    assert paragraphs(article) == [PARAGRAPH]
    assert f"copyright footer: {holder}" in article.recognised


@pytest.mark.parametrize("line", ["저작권자는 이번 판결에 반발했다.", "ⓒ 표시가 없는 사진은 쓰지 않는다고 밝혔다."])
def test_not_footers(line):
    assert read_footer(line) is None


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        (f"{PARAGRAPH}\n\n홍길동 기자 gildong@example.com", [("홍길동", "gildong@example.com")]),
        (f"{PARAGRAPH}\n\n홍길동 기자 (gildong@example.com)", [("홍길동", "gildong@example.com")]),
        (f"[한빛일보=홍길동 기자]\n\n{PARAGRAPH}", [("홍길동", "")]),
        (f"[한빛일보=홍길동 기자] {PARAGRAPH}", [("홍길동", "")]),
        (f"(서울=연합뉴스) 홍길동 기자 = {PARAGRAPH}", [("홍길동", "")]),
        (f"{PARAGRAPH}\n\n/홍길동 기자", [("홍길동", "")]),
        (f"{PARAGRAPH} /홍길동 기자", [("홍길동", "")]),
        (f"{PARAGRAPH}\n\n홍길동·김철수 기자", [("홍길동", ""), ("김철수", "")]),
        (f"{PARAGRAPH}\n\n사회부 홍길동 선임기자", [("홍길동", "")]),
        (f"홍길동 기자 | 입력 2024.05.03 09:30\n\n{PARAGRAPH}", [("홍길동", "")]),
    ],
)
def test_bylines(text, authors, tmp_path):
    article = read_text(f"한빛시 버스 노선 바뀐다\n\n{text}\n", tmp_path)

    assert [(author.name, author.email) for author in article.authors] == authors
    assert paragraphs(article) == [PARAGRAPH]
    assert not todos(article, TODO_AUTHOR)


def test_no_byline_is_a_to_do_that_does_not_block(tmp_path):
    article = read_text(f"한빛시 버스 노선 바뀐다\n\n{PARAGRAPH}\n", tmp_path)

    (todo,) = todos(article, TODO_AUTHOR)
    assert not todo.blocking
    assert article.authors == []


@pytest.mark.parametrize("line", ["기자회견은 30분 만에 끝났다.", "홍길동 대표는 웃었다."])
def test_not_bylines(line):
    assert read_byline(line) is None


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("입력 2024.05.03 09:30", datetime(2024, 5, 3, 9, 30, tzinfo=SEOUL)),
        ("기사입력 2024-05-03 09:30", datetime(2024, 5, 3, 9, 30, tzinfo=SEOUL)),
        ("승인 2024.05.03 09:30", datetime(2024, 5, 3, 9, 30, tzinfo=SEOUL)),
        ("입력 2024.05.03. 오후 3:10", datetime(2024, 5, 3, 15, 10, tzinfo=SEOUL)),
        ("등록 2024.05.03 09:30 | 수정 2024.05.04 10:00 | 댓글 0", datetime(2024, 5, 3, 9, 30, tzinfo=SEOUL)),
    ],
)
def test_the_date_line(line, published, tmp_path):
    article = read_text(f"한빛시 버스 노선 바뀐다\n{line}\n\n{PARAGRAPH}\n", tmp_path)

    assert article.published_at == published
    assert article.published_at.utcoffset().total_seconds() == 9 * 3600
    assert paragraphs(article) == [PARAGRAPH]
    assert article.dek == ""


def test_no_date_line_no_date(tmp_path):
    article = read_text(f"한빛시 버스 노선 바뀐다\n\n2024.05.03 회의에서 정했다.\n\n{PARAGRAPH}\n", tmp_path)

    assert article.published_at is None
    assert paragraphs(article) == ["2024.05.03 회의에서 정했다.", PARAGRAPH]


# ---------------------------------------------------------------------------
# Photo files beside the text


def test_an_image_file_beside_the_text_is_the_photo(tmp_path):
    (tmp_path / "경제").mkdir()
    text = tmp_path / "경제" / "버스.txt"
    text.write_text(
        f"한빛시 버스 노선 바뀐다\n\n버스 정류장의 새 노선도 (사진=한빛일보DB)\n\n{PARAGRAPH}\n\n"
        "새 노선을 달리는 전기버스 (사진=연합뉴스)\n",
        encoding="utf-8",
    )
    first = make_jpeg(tmp_path / "경제" / "버스.jpg")

    article = read_press_file(text, root=tmp_path)

    assert article.source_id == "경제/버스.txt"
    one, two = photos(article)
    assert one.path == first
    assert one.key == "경제/버스.jpg"
    assert (one.caption, one.credit) == ("버스 정류장의 새 노선도", "한빛일보DB")
    assert two.path is None and two.key.startswith("slot:")
    (slot,) = todos(article, TODO_PHOTO)
    assert slot.data["caption"] == "새 노선을 달리는 전기버스"
    assert not todos(article, TODO_CREDIT)
    assert "file 경제/버스.jpg" in next(line for line in article.recognised if "새 노선도" in line)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["기사.jpg"], ["기사.jpg", None]),
        (["기사-1.jpg", "기사-2.png"], ["기사-1.jpg", "기사-2.png"]),
        (["기사_2.jpg", "기사_1.webp"], ["기사_1.webp", "기사_2.jpg"]),
        (["기사 (1).jpg", "기사 (2).jpeg"], ["기사 (1).jpg", "기사 (2).jpeg"]),
        (["기사.jpg", "기사-1.jpg"], ["기사.jpg", "기사-1.jpg"]),
        (["기사-10.jpg", "기사-2.jpg"], ["기사-2.jpg", "기사-10.jpg"]),
        (["다른기사.jpg"], [None, None]),
    ],
)
def test_photo_file_for_by_the_text_file_name(names, expected, tmp_path):
    (tmp_path / "기사.txt").write_text("제목\n", encoding="utf-8")
    (tmp_path / "다른기사.txt").write_text("제목\n", encoding="utf-8")
    for name in names:
        make_jpeg(tmp_path / name)

    found = [photo_file_for(tmp_path / "기사.txt", index, "") for index in (1, 2)]

    assert [path.name if path else None for path in found] == expected
    assert photo_file_for(tmp_path / "기사.txt", 0, "") is None


def test_photo_file_for_a_folder_per_article(tmp_path):
    folder = tmp_path / "0412-시장"
    (folder).mkdir()
    (folder / "본문.txt").write_text("제목\n", encoding="utf-8")
    for name in ("사진10.jpg", "사진2.jpg", ".숨김.jpg"):
        make_jpeg(folder / name)
    (folder / "메모.pdf").write_bytes(b"%PDF")

    assert photo_file_for(folder / "본문.txt", 1, "") == folder / "사진2.jpg"
    assert photo_file_for(folder / "본문.txt", 2, "") == folder / "사진10.jpg"
    assert photo_file_for(folder / "본문.txt", 3, "") is None
    # A caption that names a file picks it whatever the order.
    assert photo_file_for(folder / "본문.txt", 1, "사진10") == folder / "사진10.jpg"


def test_an_image_no_caption_claims_is_reported(tmp_path):
    text = tmp_path / "기사.txt"
    text.write_text(f"한빛시 버스 노선 바뀐다\n\n{PARAGRAPH}\n", encoding="utf-8")
    make_jpeg(tmp_path / "기사.jpg")

    article = read_press_file(text, root=tmp_path)

    (todo,) = todos(article, TODO_OTHER)
    assert "기사.jpg" in todo.message and not todo.blocking
    assert photos(article) == []


# ---------------------------------------------------------------------------
# Encodings and problems


def test_a_cp949_file():
    raw = (SAMPLES / "euckr.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")

    article = read("euckr.txt")

    assert article.headline == "전통시장 상품권, 설 앞두고 10% 할인 판매"
    assert article.published_at == datetime(2024, 2, 1, 6, 0, tzinfo=SEOUL)
    assert [author.name for author in article.authors] == ["정다은"]
    assert (article.copyright_holder, article.copyright_text) == ("한빛일보", "ⓒ 한빛일보")
    assert [(photo.caption, photo.credit) for photo in photos(article)] == [
        ("설 대목을 앞둔 한빛중앙시장의 모습", "뉴스1")
    ]
    assert paragraphs(article) == [
        "한빛시가 설을 앞두고 전통시장 상품권을 10% 할인된 값에 판매한다고 1일 밝혔다.",
        "할인 판매는 오는 8일까지 이어지며 1인당 구매 한도는 50만 원이다.",
    ]
    assert article.content_hash == hashlib.sha256(raw).hexdigest()


def test_euc_kr_and_utf8_with_a_bom(tmp_path):
    text = f"한빛시 버스 노선 바뀐다\n\n{PARAGRAPH}\n"
    (tmp_path / "euc.txt").write_bytes(text.encode("euc-kr"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    for name in ("euc.txt", "bom.txt"):
        article = read_press_file(tmp_path / name, root=tmp_path)
        assert article.headline == "한빛시 버스 노선 바뀐다"
        assert paragraphs(article) == [PARAGRAPH]


def test_what_cannot_be_read_is_a_problem_not_an_exception(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff\xfe")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin.txt").write_bytes(bytes([0x80, 0xFF, 0x81, 0x20]) * 10)

    (tmp_path / "blank.html").write_text("<html><head><script>x()</script></head><body></body></html>")
    (tmp_path / "folder.txt").mkdir()

    for name in ("image.txt", "missing.txt", "empty.txt", "latin.txt", "blank.html", "folder.txt"):
        problem = read_press_file(tmp_path / name, root=tmp_path)
        assert isinstance(problem, ParseProblem), name
        assert (problem.file, problem.position, problem.source_id) == (name, "", name)
        assert problem.message


def test_text_handed_over_by_the_caller(tmp_path):
    text = f"한빛시 버스 노선 바뀐다\n\n{PARAGRAPH}\n"

    article = read_press_file(tmp_path / "묶음" / "버스.txt", root=tmp_path, text=text)

    assert article.source_id == article.file == "묶음/버스.txt"
    assert article.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert paragraphs(article) == [PARAGRAPH]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "(사진=연합뉴스)",
        "[[image:3]]\n\n***",
        "<html><body></body></html>",
        "“”(“”)",
        "제목\n\n“가나다라마”(“Some words here”)“바사아자”(",
        "관련기사:\n\n[관련기사]\n▶",
    ],
)
def test_odd_content_never_raises(text, tmp_path):
    result = read_press_file(tmp_path / "odd.txt", root=tmp_path, text=text)
    assert isinstance(result, ParsedArticle | ParseProblem)


# ---------------------------------------------------------------------------
# HTML


def test_an_html_page_with_a_local_image(tmp_path):
    shutil.copy(SAMPLES / "page.html", tmp_path / "page.html")
    image = make_jpeg(tmp_path / "page_files" / "bridge.jpg")

    article = read_press_file(tmp_path / "page.html", root=tmp_path)

    assert article.headline == "한강 보행교 설계안 공개… 2027년 개통 목표"
    assert article.published_at == datetime(2024, 6, 20, 8, 0, tzinfo=SEOUL)
    assert [(author.name, author.email) for author in article.authors] == [("이도윤", "doyun@example.com")]
    assert (article.copyright_holder, article.copyright_text) == (
        "한빛일보",
        "저작권자 © 한빛일보 무단전재 및 재배포 금지",
    )
    assert article.related_headlines == ["한강 다리 12곳 야간 조명 바뀐다"]
    assert article.old_urls == ["https://hanbit.example/news/articleView.html?idxno=20417"]

    bridge, night = photos(article)
    assert bridge.path == image.resolve()
    assert bridge.key == "page_files/bridge.jpg"
    assert (bridge.caption, bridge.credit) == ("한강 보행교 조감도", "한빛시")
    assert night.path is None and night.original_url == "https://cdn.hanbit.example/photo/202406/night.jpg"
    assert (night.caption, night.credit) == ("보행교 야경 예상도", "")
    assert [todo.data["caption"] for todo in todos(article, TODO_PHOTO)] == ["보행교 야경 예상도"]
    assert [todo.data["caption"] for todo in todos(article, TODO_CREDIT)] == ["보행교 야경 예상도"]
    assert isinstance(article.body[0], PhotoBlock)

    (quote,) = quotes(article)
    assert quote.speaker == "윤하람"
    assert quote.original_text == "A bridge should be a place to stay, not just to cross."
    text = body_markdown(article)
    for leftover in ("스크립트", "line-height", "많이 본", "정치", "2027년 개통 목표", "입력", "저작권", "기자"):
        assert leftover not in text
    assert paragraphs(article)[0].startswith("한빛시가 한강을 가로지르는")
    assert "시는 하루 이용객을 3만 명으로 내다보고 있다." in paragraphs(article)


def test_an_old_press_system_export_in_euc_kr():
    article = read("export-old.html")

    assert article.headline == '동네 서점 세 곳 중 한 곳 "내년 문 닫을 수도"'
    assert article.published_at == datetime(2023, 11, 8, 16, 40, tzinfo=SEOUL)
    assert [author.name for author in article.authors] == ["박서연"]
    assert (article.copyright_holder, article.copyright_text) == (
        "한빛일보",
        "<저작권자(c) 한빛일보, 무단 전재-재배포 금지>",
    )
    (photo,) = photos(article)
    assert (photo.caption, photo.credit) == ("서울 마포구의 한 동네 서점에서 손님이 책을 고르고 있다.", "한빛일보DB")
    assert paragraphs(article) == [
        "동네 서점 세 곳 중 한 곳이 내년에 문을 닫을 수 있다고 답한 조사 결과가 나왔다.",
        '한빛서점연합회는 전국 동네 서점 412곳을 조사한 결과 34%가 "1년 안에 폐업을 고려하고 있다"고 답했다고 '
        "8일 밝혔다.",
        "폐업을 고려하는 이유로는 임대료 상승(41%)과 매출 감소(38%)가 가장 많이 꼽혔다.",
        "연합회는 지역 도서관이 책을 살 때 동네 서점을 먼저 이용하도록 하는 조례를 만들어 달라고 요구했다.",
    ]
    assert "배너 광고" not in body_markdown(article) and "오피니언" not in body_markdown(article)


# ---------------------------------------------------------------------------
# English, Markdown


def test_an_english_article():
    article = read("english.txt")

    assert article.language == "en"
    assert article.headline == "Hanbit Electronics unveils a chip that sips power"
    assert [author.name for author in article.authors] == ["Jane Morrow"]
    assert article.copyright_holder == "Pacific Tech Review"
    (photo,) = photos(article)
    assert photo.credit == "Reuters"
    (slot,) = todos(article, TODO_PHOTO)
    assert slot.message.startswith("Photo slot: “Hanbit chief executive Minjun Park")
    assert slot.message.endswith("(Reuters) — upload the photo")
    assert len(paragraphs(article)) == 2


def test_markdown_characters_stay_text():
    source = (SAMPLES / "markdown.txt").read_text(encoding="utf-8")
    expected = [block for block in source.split("\n\n")[1:] if block.strip()]
    expected = [block.strip() for block in expected]

    article = read("markdown.txt")
    html = markdown.markdown(body_markdown(article), extensions=["sane_lists"])

    assert paragraphs(article) == expected
    for tag in ("<ol", "<ul", "<li", "<h1", "<h2", "<blockquote", "<em", "<strong", "<code", "<a ", "<hr", "<b>"):
        assert tag not in html
    assert "[[image:3]]" not in body_markdown(article)  # no embed line for the writer to misread


@pytest.mark.parametrize(
    "text",
    [
        "1. 가격",
        "10) 항목",
        "- 줄",
        "+ 줄",
        "* 별",
        "# 제목",
        "### 제목",
        "> 인용",
        "---",
        "===",
        "a_b_c *d* **e** `f` [g](h) ![i](j) <k> &lt; &amp; \\ \\*",
        "[[quote:7]]",
        "<script>alert(1)</script>",
        "    네 칸 들여쓴 줄",
        "한국어 ~~취소선~~ 그대로",
    ],
)
def test_markdown_escape_renders_the_same_text(text):
    assert visible_paragraphs(markdown_escape(text)) == [text.strip()]


# ---------------------------------------------------------------------------
# Finding the files


def test_find_press_files(tmp_path):
    for name in (
        "b.txt",
        "a/기사.html",
        "a/기사.jpg",
        "c/old.HTM",
        "c/notes.text",
        ".hidden.txt",
        ".git/x.txt",
        "__MACOSX/a/._기사.html",
        "d/readme.md",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")

    found = [path.relative_to(tmp_path).as_posix() for path in find_press_files(tmp_path)]

    assert found == ["a/기사.html", "b.txt", "c/notes.text", "c/old.HTM"]


@pytest.mark.parametrize(
    "figure",
    [
        '<p>강변을 달리는 시민들 (사진=연합뉴스)</p><p><img src="run.jpg" alt=""></p>',
        '<p><img src="run.jpg" alt=""></p><p>강변을 달리는 시민들 (사진=연합뉴스)</p>',
        '<div><img src="./run.jpg"></div><p class="caption">강변을 달리는 시민들 (사진=연합뉴스)</p>',
    ],
)
def test_an_image_and_its_caption_line_in_html_are_one_photo(figure, tmp_path):
    page = tmp_path / "run.html"
    page.write_text(
        f"<html><body><nav>홈 | 뉴스</nav><article><h1>한빛 마라톤 참가자 1만 명</h1><p>{PARAGRAPH}</p>{figure}"
        f"<p>{PARAGRAPH} 대회는 다음 달 3일 열린다.</p></article></body></html>",
        encoding="utf-8",
    )
    image = make_jpeg(tmp_path / "run.jpg")

    article = read_press_file(page, root=tmp_path)

    (photo,) = photos(article)
    assert (photo.caption, photo.credit, photo.path, photo.key) == (
        "강변을 달리는 시민들",
        "연합뉴스",
        image.resolve(),
        "run.jpg",
    )
    assert kinds(article) == ["MarkdownBlock", "PhotoBlock", "MarkdownBlock"]
    assert not todos(article, TODO_PHOTO) and not todos(article, TODO_HEADLINE)
    assert "홈" not in body_markdown(article)


def test_a_copy_scraped_from_a_portal():
    article = read("scraped.txt")

    assert article.headline == "[단독] 한빛전자, 노스윈드AI와 칩 공동개발"
    assert article.published_at == datetime(2024, 5, 3, 9, 30, tzinfo=SEOUL)
    assert article.modified_at == datetime(2024, 5, 3, 11, 2, tzinfo=SEOUL)
    assert [(author.name, author.email) for author in article.authors] == [("김하늘", "haneul@example.com")]
    assert article.copyright_holder == "한빛일보"
    (photo,) = photos(article)  # the caption line was there twice
    assert (photo.caption, photo.credit) == ("한빛전자 로고.", "한빛전자")
    assert paragraphs(article) == [
        "한빛전자가 미국 인공지능 기업 노스윈드AI와 저전력 칩을 함께 개발한다.",
        "두 회사는 3일 서울에서 협약을 맺었다.",
    ]
    assert article.recognised.count("a repeated line dropped") == 1
