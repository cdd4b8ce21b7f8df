package org.weiquan.web;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The page texts outside a request: Simplified Chinese, formatted with their arguments. */
class TextsTest {

    @Test
    void aTextIsFormattedWithItsArguments() {
        assertThat(Texts.get("case.title", "QX-0101-2026-0001")).isEqualTo("案件 QX-0101-2026-0001");
        assertThat(Texts.get("nav.user", "王芳", "城关社区妇女维权站")).isEqualTo("王芳（城关社区妇女维权站）");
        assertThat(AdminTexts.get("guard.adminOnly")).isEqualTo("此页面仅限系统管理员使用。");
    }

    @Test
    void anEnumerationValueHasItsLabelAndAnUnknownOneItsName() {
        assertThat(Texts.label("channel", org.weiquan.intake.Channel.HOTLINE)).isEqualTo("12338 热线");
        assertThat(Texts.label("channel", "NO_SUCH_CHANNEL")).isEqualTo("NO_SUCH_CHANNEL");
        assertThat(Texts.find("no.such.key")).isNull();
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws Exception {
        for (String bundle : new String[] {"messages", "admin"}) {
            Properties zh = new Properties();
            Properties en = new Properties();
            try (var a = getClass().getResourceAsStream(bundle + "_zh.properties");
                 var b = getClass().getResourceAsStream(bundle + "_en.properties")) {
                zh.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
                en.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(en.keySet()).as(bundle).isEqualTo(zh.keySet());
        }
    }

    @Test
    void aServicesRuleIsShownInChinese() {
        assertThat(Feedback.message("is required when closing")).isEqualTo("结案时必填");
        assertThat(Feedback.message("must be a month (2026-03), a quarter (2026-Q1) or a year (2026)"))
                .isEqualTo("须为月份、季度或年度");
        assertThat(Feedback.message("is required when the reason is OTHER")).doesNotContain("OTHER");
    }

    @Test
    void anEnglishTextWithAnApostropheKeepsItAndItsPlaceholder() throws Exception {
        Properties en = new Properties();
        try (var in = getClass().getResourceAsStream("messages_en.properties")) {
            en.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(java.text.MessageFormat.format(en.getProperty("home.unclaimed"), 3))
                .isEqualTo("My station's unclaimed tasks (3)");
    }

    @Test
    void theDashboardsDefinitionsAreInChineseWithoutCodeNames() {
        assertThat(DashboardPage.definitions()).hasSizeGreaterThan(30).anySatisfy(d -> assertThat(d).startsWith("按期结案："));
        DashboardPage.definitions().forEach(org.weiquan.it.ChineseTexts::assertReadable);
    }

    @Test
    void releasingATaskIsNotCalledLikeSendingAClosureBack() {
        assertThat(Texts.get("form.sendBack")).isEqualTo("退回");
        assertThat(Texts.get("task.release")).isEqualTo("放回本站待办").doesNotContain(Texts.get("form.sendBack"));
    }

    /** A service's rule as the code says it: InvalidInput.of(field, "…") or errors.add(field, "…"), literal texts only. */
    private static final java.util.regex.Pattern RULE = java.util.regex.Pattern.compile(
            "(?:InvalidInput\\.of|\\b\\w*[eE]rrors?\\.add)\\(\\s*[^;]*?,\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)",
            java.util.regex.Pattern.DOTALL);

    private static Properties bundle(String resource) throws Exception {
        Properties p = new Properties();
        try (var in = TextsTest.class.getResourceAsStream(resource)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyRuleTheServicesStateHasAChineseAndAnEnglishText() throws Exception {
        Properties messagesZh = bundle("messages_zh.properties");
        Properties messagesEn = bundle("messages_en.properties");
        Properties adminZh = bundle("admin_zh.properties");
        Properties adminEn = bundle("admin_en.properties");
        Properties rules = bundle("/org/weiquan/shared/rules.properties");
        Properties rulesZh = bundle("/org/weiquan/shared/rules_zh.properties");
        java.util.Set<String> found = new java.util.TreeSet<>();
        java.util.List<String> missing = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                java.util.regex.Matcher m = RULE.matcher(java.nio.file.Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        for (String rule : found) {
            if (rule.matches("form\\.\\w+")) { // a key of the shared rules bundle, not a text
                if (!rules.containsKey(rule) || !rulesZh.containsKey(rule)) {
                    missing.add(rule);
                }
                continue;
            }
            String key = "rule." + rule.replaceAll("[^A-Za-z0-9]+", "_");
            String adminKey = AdminFeedback.key("rule.", rule);
            boolean inMessages = messagesZh.containsKey(key) && messagesEn.containsKey(key);
            boolean inAdmin = adminZh.containsKey(adminKey) && adminEn.containsKey(adminKey);
            if (!inMessages && !inAdmin) {
                missing.add(rule);
            }
        }
        assertThat(found).as("the scan finds the services' rules").hasSizeGreaterThan(100);
        assertThat(missing).as("rules without a Chinese and an English text").isEmpty();
        assertThat(rulesZh.keySet()).as("the form rules in Chinese").containsAll(rules.keySet());
    }

    @Test
    void aRuleWithoutChineseTextBeforeIsShownInChinese() {
        assertThat(Feedback.message("no contact in your scope has this id")).isEqualTo("您的权限范围内没有此登记");
        assertThat(Feedback.message("must not start with =, +, - or @")).isEqualTo("不能以 =、+、- 或 @ 开头");
        assertThat(AdminFeedback.message("the workbook has no sheet")).isEqualTo("工作簿中没有工作表");
    }

    @Test
    void eachLanguageHasItsOwnBracketsAndColons() {
        assertThat(Texts.aside("王芳", "城关社区", Language.CHINESE)).isEqualTo("王芳（城关社区）");
        assertThat(Texts.aside("王芳", "城关社区", java.util.Locale.ENGLISH)).isEqualTo("王芳 (城关社区)");
        assertThat(Texts.labelled("调解员", "王芳", Language.CHINESE)).isEqualTo("调解员：王芳");
        assertThat(Texts.labelled("Mediator", "王芳", java.util.Locale.ENGLISH)).isEqualTo("Mediator: 王芳");
    }
}
