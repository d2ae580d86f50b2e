/** Parsing and validation of playbook files; nothing here is API. */
@NullMarked
package com.warroom.playbooks.internal;

import org.jspecify.annotations.NullMarked;
