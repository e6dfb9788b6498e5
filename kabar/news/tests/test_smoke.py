from kabar.news.tests.factories import ArticlePageFactory


def test_article_dateline_and_reading_time(section):
    article = ArticlePageFactory(parent=section, dateline_place="Beijing", dateline_agency="ANTARA")
    assert article.dateline == "BEIJING (ANTARA)"
    assert article.reading_minutes == 1
