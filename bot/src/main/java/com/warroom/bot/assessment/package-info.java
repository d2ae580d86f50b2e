/**
 * What an incident's state means under the company's rules, apart from how it is shown:
 * its grade and level, the reports it owes, the next report and the next threshold. Pure
 * functions of the incident, its timeline, its playbook, the policy and the time; used by
 * the chat, the board, the clock and the documents alike.
 */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.assessment;
