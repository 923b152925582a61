/**
 * The first look's words, written in simplified characters. The look runs on raw text, so it uses
 * them in either script: quick.words.ts, generated from these by scripts/gen-t2s.ts (a test fails
 * when it is stale), so that what runs on every page carries no conversion table.
 */
/** A title or heading that names the report. */
export const TITLE_PATTERN = /信息公开.{0,12}(?:年度报告|年报)|年度报告格式/.source;
/** Words only a report's text has. */
export const BODY_PATTERN = /勾稽关系|本年新收政府信息公开申请|主动公开政府信息情况|信息公开工作年度报告|信息公开年度报告/.source;
/** Words only a report's own text has, never a link's title to one (a listing's links name reports in their titles). */
export const OWN_PATTERN = /勾稽关系|本年新收政府信息公开申请|主动公开政府信息情况|收到和处理政府信息公开申请情况/.source;
/** A link's title naming a year's report (「XX局2023年政府信息公开工作年度报告」; the year before or after the words). */
export const LINK_PATTERN =
  /(?:20|２０)[0-9０-９]{2}年.{0,40}(?:信息公开|政务公开).{0,12}(?:年度报告|年报)|(?:信息公开|政务公开).{0,12}(?:年度报告|年报).{0,4}(?:20|２０)[0-9０-９]{2}/
    .source;
/** Text just before a link that makes it a report page's article navigation (上一篇：), not a listing's. */
export const NAV_PATTERN = /(?:上|下)一?(?:篇|条|则)[:：]?\s*$/.source;
