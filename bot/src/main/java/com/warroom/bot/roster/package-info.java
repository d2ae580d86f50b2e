/** The roster (附件一) with its permission model, and the contact book (附件二). */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.roster;
