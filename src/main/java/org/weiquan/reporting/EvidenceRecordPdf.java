package org.weiquan.reporting;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;

/**
 * A case's evidence record (求助记录) as a PDF (A4) to hand to a court or a party: the case, its times,
 * the parties (as {@link EvidenceRecord} cuts them down), the registration, every timeline entry and
 * completed task with time, user and station, and the terms of any mediation agreement. Every page
 * carries the case number and its page number.
 */
public final class EvidenceRecordPdf {

    static final String TITLE = "求助记录 Evidence record";

    private EvidenceRecordPdf() {
    }

    public static byte[] build(EvidenceRecord r) {
        PdfSupport.Fonts fonts = PdfSupport.Fonts.of(PdfSupport.font());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 42, 42, 42, 48);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new PdfSupport.Footer("求助记录 " + r.caseNumber() + " · 导出 "
                    + IndicatorColumns.time(r.generatedAt()) + " " + r.generatedBy(), fonts.footer()));
            document.addTitle("Evidence record " + r.caseNumber());
            document.addCreator("Weiquan");
            document.open();

            Paragraph title = new Paragraph(TITLE, fonts.title());
            title.setAlignment(Element.ALIGN_CENTER);
            document.add(title);
            Paragraph number = new Paragraph("案件编号 case number：" + r.caseNumber(), fonts.heading());
            number.setAlignment(Element.ALIGN_CENTER);
            number.setSpacingAfter(6);
            document.add(number);

            document.add(PdfSupport.heading("一、案件 The case", fonts));
            PdfPTable facts = new PdfPTable(new float[]{1.3f, 3f});
            facts.setWidthPercentage(100);
            fact(facts, "受理站点 station", r.stationName() + " (" + r.stationCode() + ")", fonts);
            fact(facts, "来源渠道 channel", r.channel(), fonts);
            fact(facts, "主要类别 category", r.primaryCategory(), fonts);
            fact(facts, "状态 status", r.status(), fonts);
            fact(facts, "接待时间 received", IndicatorColumns.time(r.receivedAt()), fonts);
            fact(facts, "登记时间 registered", IndicatorColumns.time(r.registeredAt()) + by(r.registeredBy()), fonts);
            fact(facts, "受理时间 accepted", IndicatorColumns.time(r.acceptedAt()) + by(r.acceptedBy()), fonts);
            fact(facts, "调解员 mediator", r.mediator(), fonts);
            fact(facts, "结案时间 closed", r.closedAt() == null ? "未结案 not closed" : IndicatorColumns.time(r.closedAt()),
                    fonts);
            fact(facts, "结案原因 closure reason", r.closureReason(), fonts);
            document.add(facts);

            document.add(PdfSupport.heading("二、当事人 Parties", fonts));
            PdfPTable parties = new PdfPTable(new float[]{1.4f, 1.2f, 0.6f, 2f, 1f});
            parties.setWidthPercentage(100);
            parties.setHeaderRows(1);
            for (String h : new String[]{"身份 role", "姓名 name", "性别 gender", "电话 phone", "关系 relation"}) {
                parties.addCell(PdfSupport.headerCell(h, fonts.bold()));
            }
            for (EvidenceRecord.PartyLine p : r.parties()) {
                parties.addCell(PdfSupport.cell(p.role(), fonts.text()));
                parties.addCell(PdfSupport.cell(p.name(), fonts.text()));
                parties.addCell(PdfSupport.cell(p.gender(), fonts.text()));
                parties.addCell(PdfSupport.cell(p.phones(), fonts.text()));
                parties.addCell(PdfSupport.cell(p.relation(), fonts.text()));
            }
            document.add(parties);
            document.add(new Paragraph("姓名、电话已部分隐去；未成年人的姓名和身份信息不予显示。Names and phones are masked;"
                    + " minors' names and identities are withheld.", fonts.small()));

            document.add(PdfSupport.heading("三、登记内容 Registration", fonts));
            document.add(PdfSupport.line("登记 registered", IndicatorColumns.time(r.registeredAt()) + by(r.registeredBy())
                    + "，" + r.stationCode(), fonts));
            document.add(PdfSupport.line("求助内容 summary", r.summary(), fonts));

            document.add(PdfSupport.heading("四、办理记录 Timeline", fonts));
            PdfPTable timeline = new PdfPTable(new float[]{1.25f, 0.9f, 0.8f, 3.3f});
            timeline.setWidthPercentage(100);
            timeline.setHeaderRows(1);
            for (String h : new String[]{"时间 time", "人员 user", "站点 station", "事项 what was recorded"}) {
                timeline.addCell(PdfSupport.headerCell(h, fonts.bold()));
            }
            for (EvidenceRecord.Entry e : r.timeline()) {
                timeline.addCell(PdfSupport.cell(IndicatorColumns.time(e.at()), fonts.text()));
                timeline.addCell(PdfSupport.cell(e.user(), fonts.text()));
                timeline.addCell(PdfSupport.cell(e.station(), fonts.text()));
                timeline.addCell(PdfSupport.cell(e.what(), fonts.text()));
            }
            document.add(timeline);

            document.add(PdfSupport.heading("五、已办任务 Completed tasks", fonts));
            PdfPTable tasks = new PdfPTable(new float[]{1.25f, 0.9f, 2.3f, 1.8f});
            tasks.setWidthPercentage(100);
            tasks.setHeaderRows(1);
            for (String h : new String[]{"完成时间 completed", "人员 user", "任务 task", "结果 outcome"}) {
                tasks.addCell(PdfSupport.headerCell(h, fonts.bold()));
            }
            for (EvidenceRecord.TaskLine t : r.tasks()) {
                tasks.addCell(PdfSupport.cell(IndicatorColumns.time(t.at()), fonts.text()));
                tasks.addCell(PdfSupport.cell(t.user(), fonts.text()));
                tasks.addCell(PdfSupport.cell(t.task(), fonts.text()));
                tasks.addCell(PdfSupport.cell(t.outcome(), fonts.text()));
            }
            if (r.tasks().isEmpty()) {
                tasks.addCell(PdfSupport.cell("无 none", fonts.text()));
                tasks.completeRow();
            }
            document.add(tasks);

            document.add(PdfSupport.heading("六、调解协议 Mediation agreements", fonts));
            if (r.agreements().isEmpty()) {
                document.add(new Paragraph("无 none", fonts.text()));
            }
            for (EvidenceRecord.AgreementLine a : r.agreements()) {
                document.add(PdfSupport.line(IndicatorColumns.time(a.at()) + " " + a.user() + " " + a.outcome(),
                        a.terms(), fonts));
            }

            Paragraph end = new Paragraph("本记录由维权案件管理系统于 " + IndicatorColumns.time(r.generatedAt()) + " 导出，导出人 "
                    + r.generatedBy() + "；时间均为北京时间 (UTC+8)。Exported from Weiquan; all times Beijing time.",
                    fonts.small());
            end.setSpacingBefore(14);
            document.add(end);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the evidence record", e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
        return out.toByteArray();
    }

    private static void fact(PdfPTable table, String label, String value, PdfSupport.Fonts fonts) {
        table.addCell(PdfSupport.headerCell(label, fonts.bold()));
        table.addCell(PdfSupport.cell(value == null || value.isBlank() ? IndicatorColumns.NONE : value, fonts.text()));
    }

    private static String by(String user) {
        return user == null || user.isBlank() ? "" : "，" + user;
    }
}
