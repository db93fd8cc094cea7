// The window in Korean and English (issue 18): the Korean catalogue translates every string in ui/ (lupdate is run
// over the sources here, as CI would), its translations keep the sources' placeholders and markup, a switch at run
// time re-translates every tab without a restart and back, and Korean records render with real glyphs.
#include "TinyWorkbenchFixture.h"
#include "UiTextSurvey.h"

#include "core/common/Error.h"
#include "core/tokenizer/TokenizerLoader.h"
#include "ui/common/ErrorText.h"
#include "ui/data/DataPanel.h"
#include "ui/data/RecordPreviewView.h"
#include "ui/i18n/UiLanguage.h"
#include "ui/model/ModelPanel.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QFile>
#include <QGlyphRun>
#include <QProcess>
#include <QRawFont>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextLayout>
#include <QXmlStreamReader>

#include <fstream>

namespace {

struct CatalogueEntry {
    QString context;
    QString source;
    QStringList translations; // one, or one per plural form
    QString type;        // "", "unfinished", "vanished", "obsolete"
};

QList<CatalogueEntry> readCatalogue(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QList<CatalogueEntry> entries;
    QXmlStreamReader xml(&file);
    QString context;
    CatalogueEntry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            entry = CatalogueEntry{context, {}, {}, {}};
        } else if (xml.name() == u"source") {
            entry.source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            entry.type = xml.attributes().value("type").toString();
            // Plain text, or <numerusform> children (plural forms); whitespace between them is not a form.
            QString text;
            while (!(xml.readNext() == QXmlStreamReader::EndElement && xml.name() == u"translation")) {
                if (xml.isStartElement() && xml.name() == u"numerusform")
                    entry.translations << xml.readElementText();
                else if (xml.isCharacters())
                    text += xml.text();
                if (xml.atEnd())
                    break;
            }
            if (entry.translations.isEmpty())
                entry.translations << text;
            entries.push_back(entry);
        }
    }
    if (xml.hasError())
        qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return entries;
}

// Runs lupdate over ui/ into a copy of the committed catalogue: what is then unfinished has no translation yet.
QList<CatalogueEntry> refreshedCopy(const QString& catalogue, const QStringList& extraOptions, QTemporaryDir& dir)
{
    const QString copy = dir.filePath(QFileInfo(catalogue).fileName());
    if (!QFile::copy(catalogue, copy))
        qFatal("cannot copy %s", qPrintable(catalogue));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(LORAWB_LUPDATE_PATH),
                  QStringList{"-I", LORAWB_SOURCE_DIR, "-locations", "none", "-no-obsolete"} + extraOptions +
                      QStringList{QStringLiteral(LORAWB_SOURCE_DIR "/ui"), "-ts", copy});
    if (!lupdate.waitForFinished(120000) || lupdate.exitCode() != 0)
        qFatal("lupdate failed: %s", lupdate.readAll().constData());
    const QString output = QString::fromUtf8(lupdate.readAll());
    // A tr() lupdate cannot attribute (no Q_OBJECT, a computed string) is a string that can never be translated.
    if (output.contains(QLatin1String("lacks Q_OBJECT")) || output.contains(QLatin1String("Cannot invoke tr()")))
        qFatal("lupdate warns about untranslatable tr() calls:\n%s", qPrintable(output));
    return readCatalogue(copy);
}

QStringList unfinished(const QList<CatalogueEntry>& entries)
{
    QStringList missing;
    for (const CatalogueEntry& e : entries)
        if (e.type == QLatin1String("unfinished"))
            missing << e.context + QStringLiteral(": ") + e.source.left(100);
    return missing;
}

QStringList sortedMatches(const QRegularExpression& pattern, const QString& text)
{
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    return found;
}

bool hasHangul(const QString& text)
{
    for (QChar c : text)
        if (c.script() == QChar::Script_Hangul)
            return true;
    return false;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private:
    fixture::TinyWorkbench m_fx;
    const QString m_koTs = QStringLiteral(LORAWB_SOURCE_DIR "/resources/translations/lorawb_ko.ts");
    const QString m_enTs = QStringLiteral(LORAWB_SOURCE_DIR "/resources/translations/lorawb_en.ts");

    void loadWorkbench(ui::MainWindow& window)
    {
        window.modelPanel()->loadModel(QString::fromStdString(m_fx.modelDir()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.modelPanel()->isLoading() && window.modelPanel()->summary().isValid(), 30000);
        window.dataPanel()->setDatasetPath(QString::fromStdString(m_fx.datasetPath()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isBusy(), 30000);
    }

    static void switchTo(const QString& code)
    {
        QVERIFY(ui::applyUiLanguage(code));
        QCoreApplication::processEvents(); // QApplication posts LanguageChange to every window
        QCoreApplication::processEvents();
    }

private Q_SLOTS:
    void initTestCase() { m_fx.setUp(); }
    void cleanup() { ui::applyUiLanguage(QStringLiteral("en")); }

    void koreanCatalogueTranslatesEveryUiString()
    {
        QTemporaryDir dir;
        const QList<CatalogueEntry> entries = refreshedCopy(m_koTs, {}, dir);
        QVERIFY2(entries.size() > 500, "lupdate found too few strings: was ui/ scanned?");
        const QStringList missing = unfinished(entries);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 string(s) in ui/ have no Korean translation (run "
                                                              "cmake --build build --target update_translations, "
                                                              "then translate resources/translations/lorawb_ko.ts):\n")
                                                   .arg(missing.size()) +
                                               missing.mid(0, 30).join('\n')));
    }

    void englishCatalogueHasEveryPluralForm()
    {
        QTemporaryDir dir;
        const QStringList missing = unfinished(refreshedCopy(m_enTs, {"-pluralonly"}, dir));
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("plural forms without English singular/plural:\n") +
                                               missing.join('\n')));
    }

    void translationsKeepPlaceholdersAndMarkup()
    {
        static const QRegularExpression placeholder(QStringLiteral("%L?[0-9n]"));
        static const QRegularExpression tag(QStringLiteral("</?(b|i|u|br|p|small|code|span|a|ul|li|table|tr|td|th|"
                                                           "sub|sup|tt|pre|font|h[1-6])\\b[^>]*>"));
        static const QRegularExpression accelerator(QStringLiteral("&(?![a-zA-Z]+;)[^&\\s]"));
        int checked = 0;
        for (const CatalogueEntry& e : readCatalogue(m_koTs)) {
            if (e.type == QLatin1String("vanished") || e.type == QLatin1String("obsolete"))
                continue;
            const QString where = e.context + QStringLiteral(": ") + e.source.left(80);
            const QString source = QString(e.source).replace(QLatin1String("&&"), QString());
            for (const QString& form : e.translations) {
                const QString translation = QString(form).replace(QLatin1String("&&"), QString());
                QVERIFY2(sortedMatches(placeholder, translation) == sortedMatches(placeholder, source),
                         qPrintable(QStringLiteral("placeholders differ: ") + where));
                QVERIFY2(sortedMatches(tag, translation) == sortedMatches(tag, source),
                         qPrintable(QStringLiteral("markup differs: ") + where));
                QVERIFY2(sortedMatches(accelerator, translation).size() == sortedMatches(accelerator, source).size(),
                         qPrintable(QStringLiteral("keyboard accelerators differ: ") + where));
                ++checked;
            }
        }
        QVERIFY(checked > 500);
    }

    void switchingLanguageRetranslatesEveryTabAndBack()
    {
        ui::MainWindow window(nullptr, /*restoreSession=*/false);
        loadWorkbench(window);
        const QStringList englishBefore = uitest::surveyTexts(window);
        QVERIFY(englishBefore.size() > 200);

        switchTo(QStringLiteral("ko"));
        QCOMPARE(ui::currentUiLanguage(), QStringLiteral("ko"));
        const QStringList korean = uitest::surveyTexts(window);
        const QStringList english = uitest::untranslatedTexts(korean);
        QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("%1 text(s) still in English after switching to "
                                                              "Korean:\n")
                                                   .arg(english.size()) +
                                               english.mid(0, 40).join('\n')));
        int hangul = 0;
        for (const QString& text : korean)
            hangul += hasHangul(text) ? 1 : 0;
        QVERIFY2(hangul > 150, qPrintable(QString::number(hangul)));

        switchTo(QStringLiteral("en"));
        const QStringList back = uitest::surveyTexts(window);
        QStringList stillKorean;
        for (const QString& text : back)
            if (hasHangul(text))
                stillKorean << text;
        QVERIFY2(stillKorean.isEmpty(), qPrintable(QStringLiteral("still Korean after switching back:\n") +
                                                   stillKorean.mid(0, 40).join('\n')));
        QCOMPARE(back, englishBefore); // the same texts as before the round trip: nothing lost or left behind
    }

    // View → Language: the entry switches the running window, ticks itself, and is what the next start uses.
    void languageMenuSwitchesAndIsRemembered()
    {
        ui::MainWindow window(nullptr, /*restoreSession=*/false);
        auto* korean = window.findChild<QAction*>(QStringLiteral("language_ko"));
        auto* english = window.findChild<QAction*>(QStringLiteral("language_en"));
        QVERIFY(korean && english);
        QVERIFY(english->isChecked());
        korean->trigger();
        QCoreApplication::processEvents();
        QCOMPARE(ui::currentUiLanguage(), QStringLiteral("ko"));
        QVERIFY(korean->isChecked() && !english->isChecked());
        QCOMPARE(window.tabs()->tabText(1), QStringLiteral("데이터"));
        QCOMPARE(QLocale().language(), QLocale::Korean); // numbers and dates follow the language
        QCOMPARE(ui::startupLanguage(), QStringLiteral("ko"));
        english->trigger();
        QCoreApplication::processEvents();
        QCOMPARE(window.tabs()->tabText(1), QStringLiteral("Data"));
        QCOMPARE(ui::startupLanguage(), QStringLiteral("en"));
        QVERIFY(!ui::applyUiLanguage(QStringLiteral("xx"))); // not a language of the program: nothing changes
        QCOMPARE(ui::currentUiLanguage(), QStringLiteral("en"));
    }

    // Core's messages stay English (shared with the CLI); the Korean window leads them with a line of its own.
    void engineMessagesKeepTheirWordsUnderATranslatedLead()
    {
        const QString original = QStringLiteral("/data/x.jsonl: record 3: field 'output' is missing; add it");
        const auto describe = [&original]() {
            try {
                throw core::Error(original.toStdString());
            } catch (...) {
                return ui::describeException(std::current_exception());
            }
        };
        QCOMPARE(describe().message, original);
        switchTo(QStringLiteral("ko"));
        const ui::ErrorText korean = describe();
        QVERIFY2(korean.message.endsWith(QLatin1Char('\n') + original), qPrintable(korean.message));
        QVERIFY(hasHangul(korean.message.section(QLatin1Char('\n'), 0, 0)));
        QCOMPARE(korean.detail, original); // the log keeps core's words alone
        // A message the window worded itself (already Korean) gets no lead.
        try {
            throw core::Error(QStringLiteral("보존 텍스트 파일이 없습니다").toStdString());
        } catch (...) {
            QCOMPARE(ui::describeException(std::current_exception()).message, QStringLiteral("보존 텍스트 파일이 없습니다"));
        }
    }

    void koreanRecordRendersWithRealGlyphs()
    {
        // A tokenizer that knows Hangul (the fixture's is English only): the preview shows what it reads.
        QTemporaryDir dir;
        const std::string corpus = dir.filePath("corpus.txt").toStdString();
        {
            std::ofstream out(corpus);
            const char* lines[] = {"랭크와 어댑터를 배우는 학생", "한국어 데이터로 파인튜닝합니다", "the answer is"};
            for (int i = 0; i < 300; ++i)
                out << lines[i % 3] << " " << i % 10 << "\n";
        }
        QVERIFY(QDir(dir.path()).mkdir("model"));
        core::trainSentencePiece("--input=" + corpus + " --model_prefix=" + dir.filePath("model/tokenizer").toStdString() +
                                 " --vocab_size=72 --model_type=bpe --character_coverage=1.0 "
                                 "--minloglevel=2");
        const QString record = QStringLiteral("한국어 데이터: 랭크와 어댑터");
        {
            std::ofstream out(dir.filePath("ko.jsonl").toStdString());
            out << "{\"instruction\": \"" << record.toStdString() << "\", \"output\": \"학생\"}\n";
        }
        ui::DataPanel panel;
        panel.setTokenizer(std::shared_ptr<const core::Tokenizer>(core::loadTokenizer(dir.filePath("model").toStdString())));
        panel.setDatasetPath(dir.filePath("ko.jsonl"));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy() && panel.recordCount() == 1, 30000);
        const QString shown = panel.previewView()->toPlainText().replace('\n', ' ');
        QVERIFY2(shown.contains(QStringLiteral("랭크와 어댑터")), qPrintable(shown));

        // Lay the shown text out in the preview's font, fallbacks included: glyph 0 is the missing-glyph box.
        QTextLayout layout(shown, panel.previewView()->font());
        layout.beginLayout();
        while (layout.createLine().isValid()) {
        }
        layout.endLayout();
        int hangulGlyphs = 0;
        for (const QGlyphRun& run : layout.glyphRuns()) {
            const QString family = run.rawFont().familyName();
            for (quint32 index : run.glyphIndexes())
                QVERIFY2(index != 0, qPrintable(QStringLiteral("a missing glyph in font '%1': is a CJK font "
                                                               "(fonts-nanum / fonts-noto-cjk) installed?")
                                                    .arg(family)));
            if (run.rawFont().supportsCharacter(QChar(0xB7AD))) // 랭
                hangulGlyphs += run.glyphIndexes().size();
        }
        QVERIFY2(hangulGlyphs > 0, "no font used for the preview covers Hangul");
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
