/**
 * Parsing and validation of the data files: the playbooks, and (through
 * {@link com.warroom.playbooks.internal.DataFiles} and
 * {@link com.warroom.playbooks.internal.MappingReader}) the roster, contact book,
 * synonyms, escalation policy, reporting policy and calendar; nothing else here is API.
 */
@NullMarked
package com.warroom.playbooks.internal;

import org.jspecify.annotations.NullMarked;
