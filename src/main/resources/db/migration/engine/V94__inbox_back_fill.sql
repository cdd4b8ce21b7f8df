-- Issue 16: the inbox's table (inbox_task, V93) filled with the user tasks already open when it came, as the inbox
-- read them before: the variables of the task's process instance, where the case (or, before there is a case, the
-- contact) lies now, the case's risk (else the process's), the candidate groups (the first three in the row, a fourth and more beside it).
-- From here on the task listeners (workflow.engine.InboxRows) keep it. One INSERT per table, no UPDATE: every row
-- is written once (an UPDATE of every row would leave the table twice its size until a VACUUM).
-- Runs after the engine has made its tables and before its job executor starts (ProcessEngineBootstrap), right
-- after V93 made the table empty, so no task is made meanwhile and no row is there yet (a NOT EXISTS against the
-- table being filled made PostgreSQL scan it again for every row: minutes at 100,000 tasks). The same statements
-- on PostgreSQL and H2.
-- CAUTION for several nodes: upgrade them together; a node without the task listeners would make tasks the
-- inbox never lists.
INSERT INTO inbox_task (task_id, process_instance_id, task_key, name, business_key, case_number, contact_id,
                        referral_key, overdue, process_risk, risk_rank, assignee, due_date, created, station_id,
                        station_path, group_1, group_2, group_3, more_groups)
SELECT t.ID_, t.PROC_INST_ID_, t.TASK_DEF_KEY_, t.NAME_, pi.BUSINESS_KEY_, vc.TEXT_, vk.LONG_, vr.TEXT_, vo.TEXT_,
       vl.TEXT_,
       CASE COALESCE(c.risk_level, vl.TEXT_) WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'LOW' THEN 2 ELSE 3 END,
       t.ASSIGNEE_, t.DUE_DATE_, t.CREATE_TIME_, s.id, s.path,
       (SELECT l.GROUP_ID_ FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate'
            AND l.GROUP_ID_ IS NOT NULL ORDER BY l.GROUP_ID_ FETCH FIRST 1 ROWS ONLY),
       (SELECT l.GROUP_ID_ FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate'
            AND l.GROUP_ID_ IS NOT NULL ORDER BY l.GROUP_ID_ OFFSET 1 ROWS FETCH FIRST 1 ROWS ONLY),
       (SELECT l.GROUP_ID_ FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate'
            AND l.GROUP_ID_ IS NOT NULL ORDER BY l.GROUP_ID_ OFFSET 2 ROWS FETCH FIRST 1 ROWS ONLY),
       (SELECT COUNT(DISTINCT l.GROUP_ID_) FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_
            AND l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL) > 3
FROM ACT_RU_TASK t
JOIN ACT_RU_EXECUTION pi ON pi.ID_ = t.PROC_INST_ID_
LEFT JOIN ACT_RU_VARIABLE vc ON vc.EXECUTION_ID_ = t.PROC_INST_ID_ AND vc.NAME_ = 'caseNumber'
LEFT JOIN ACT_RU_VARIABLE vk ON vk.EXECUTION_ID_ = t.PROC_INST_ID_ AND vk.NAME_ = 'contactId'
LEFT JOIN ACT_RU_VARIABLE vr ON vr.EXECUTION_ID_ = t.PROC_INST_ID_ AND vr.NAME_ = 'referralKey'
LEFT JOIN ACT_RU_VARIABLE vo ON vo.EXECUTION_ID_ = t.PROC_INST_ID_ AND vo.NAME_ = 'overdue'
LEFT JOIN ACT_RU_VARIABLE vl ON vl.EXECUTION_ID_ = t.PROC_INST_ID_ AND vl.NAME_ = 'riskLevel'
LEFT JOIN case_file c ON c.number = vc.TEXT_
LEFT JOIN contact k ON vc.TEXT_ IS NULL AND k.id = vk.LONG_
LEFT JOIN station s ON s.id = COALESCE(c.station_id, k.station_id)
WHERE t.TASK_DEF_KEY_ IS NOT NULL;

INSERT INTO inbox_task_more_group (task_id, group_id)
SELECT DISTINCT l.TASK_ID_, l.GROUP_ID_
FROM ACT_RU_IDENTITYLINK l
JOIN inbox_task i ON i.task_id = l.TASK_ID_ AND i.more_groups
WHERE l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL
  AND l.GROUP_ID_ NOT IN (i.group_1, i.group_2, i.group_3);
