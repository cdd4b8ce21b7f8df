package org.weiquan.casefile;

import java.util.List;
import java.util.Optional;

/** The cases, by number or id. */
public interface CaseFiles {

    Optional<Case> byNumber(String number);

    Optional<Case> byId(long id);

    /** The case, with its row locked until the transaction ends: work numbered within a case takes turns. */
    Case lock(Case aCase);

    void add(Case aCase);

    /** The written replies of a case, oldest first. */
    List<WrittenReply> repliesOf(Case aCase);

    void add(WrittenReply reply);

    /** The open cases a mediator works on: for the round robin. */
    long openCasesOf(String mediator);
}
