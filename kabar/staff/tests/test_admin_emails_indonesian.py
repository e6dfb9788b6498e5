"""The emails the review workflow sends staff are in Indonesian, like the screens."""

import re

import pytest

from kabar.news.tests.factories import ArticlePageFactory

from .untranslated import untranslated_in

pytestmark = pytest.mark.django_db


def email_texts(message) -> list[str]:
    texts = [message.subject, *message.body.splitlines()]
    for content, _mimetype in getattr(message, "alternatives", []):
        texts += re.sub(r"<[^>]+>", "\n", content).splitlines()
    return texts


def test_submission_and_approval_emails_have_no_english_left(section, writer, editor, mailoutbox):
    story = ArticlePageFactory(parent=section, title="Rapat anggaran daerah", live=False)
    story.save_revision(user=writer)
    story.get_workflow().start(story, writer)
    submitted = list(mailoutbox)
    assert [m.to for m in submitted] == [[editor.email]]

    story.current_workflow_task_state.approve(user=editor)
    approved = mailoutbox[len(submitted) :]
    assert approved and all(m.to == [writer.email] for m in approved)

    for message in mailoutbox:
        assert untranslated_in(email_texts(message)) == [], message.body
    assert "Rapat anggaran daerah" in submitted[0].subject
