/**
 * The playbook library and the rules every other module builds on: the playbooks
 * themselves (data files, validated on load), severity grading (事件分级), the regulator
 * reporting obligations and the working-day calendar.
 * <p>
 * Plain Java with a YAML parser; no Spring. Everything here is immutable and thread-safe
 * unless a type says otherwise.
 */
@NullMarked
package com.warroom.playbooks;

import org.jspecify.annotations.NullMarked;
