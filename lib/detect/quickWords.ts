/**
 * The first look's words, written in simplified characters. The look runs on raw text, so it uses
 * them in either script: quick.words.ts, generated from these by scripts/gen-t2s.ts (a test fails
 * when it is stale), so that what runs on every page carries no conversion table.
 */
/** A title or heading that names the report. */
export const TITLE_PATTERN = /信息公开.{0,12}(?:年度报告|年报)|年度报告格式/.source;
/** Words only a report's text has. */
export const BODY_PATTERN = /勾稽关系|本年新收政府信息公开申请|主动公开政府信息情况|信息公开工作年度报告|信息公开年度报告/.source;
