-- Issue 16: the inbox's table (inbox_task, V93) filled with the user tasks already open when it came, as the inbox
-- read them before: the variables of the task's process instance, the candidate groups, then where the case (or the
-- contact) lies now and the case's risk. From here on the task listeners (workflow.engine.InboxRows) keep it.
-- Runs after the engine has made its tables and before its job executor starts (ProcessEngineBootstrap), so no
-- task is made meanwhile; the same statements on PostgreSQL and H2.
INSERT INTO inbox_task (task_id, process_instance_id, task_key, name, business_key, case_number, contact_id,
                        referral_key, overdue, process_risk, assignee, due_date, created)
SELECT t.ID_, t.PROC_INST_ID_, t.TASK_DEF_KEY_, t.NAME_, pi.BUSINESS_KEY_, vc.TEXT_, vk.LONG_, vr.TEXT_, vo.TEXT_,
       vl.TEXT_, t.ASSIGNEE_, t.DUE_DATE_, t.CREATE_TIME_
FROM ACT_RU_TASK t
JOIN ACT_RU_EXECUTION pi ON pi.ID_ = t.PROC_INST_ID_
LEFT JOIN ACT_RU_VARIABLE vc ON vc.EXECUTION_ID_ = t.PROC_INST_ID_ AND vc.NAME_ = 'caseNumber'
LEFT JOIN ACT_RU_VARIABLE vk ON vk.EXECUTION_ID_ = t.PROC_INST_ID_ AND vk.NAME_ = 'contactId'
LEFT JOIN ACT_RU_VARIABLE vr ON vr.EXECUTION_ID_ = t.PROC_INST_ID_ AND vr.NAME_ = 'referralKey'
LEFT JOIN ACT_RU_VARIABLE vo ON vo.EXECUTION_ID_ = t.PROC_INST_ID_ AND vo.NAME_ = 'overdue'
LEFT JOIN ACT_RU_VARIABLE vl ON vl.EXECUTION_ID_ = t.PROC_INST_ID_ AND vl.NAME_ = 'riskLevel'
WHERE t.TASK_DEF_KEY_ IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM inbox_task i WHERE i.task_id = t.ID_);

INSERT INTO inbox_task_group (group_id, task_id)
SELECT DISTINCT l.GROUP_ID_, l.TASK_ID_
FROM ACT_RU_IDENTITYLINK l
JOIN inbox_task i ON i.task_id = l.TASK_ID_
WHERE l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM inbox_task_group g WHERE g.group_id = l.GROUP_ID_ AND g.task_id = l.TASK_ID_);

UPDATE inbox_task SET station_id = COALESCE(
        (SELECT c.station_id FROM case_file c WHERE c.number = inbox_task.case_number),
        (SELECT k.station_id FROM contact k WHERE inbox_task.case_number IS NULL AND k.id = inbox_task.contact_id));

UPDATE inbox_task SET
    station_path = (SELECT s.path FROM station s WHERE s.id = inbox_task.station_id),
    risk_rank = CASE COALESCE((SELECT c.risk_level FROM case_file c WHERE c.number = inbox_task.case_number),
                              process_risk)
                WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'LOW' THEN 2 ELSE 3 END;
