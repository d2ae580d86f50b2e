-- V4: the leases (issue 15): one row per name, its holder, its expiry and its epoch, the fencing
-- token of the Telegram poller (telegram-poller), the Telegram outbox's nodes (tg-node:*) and the
-- notification outbox's workers (com.warroom.notify.Leases). The version before this one created
-- the table by code at start, so a database it ran on has it already, with its rows: IF NOT EXISTS
-- keeps them (same columns as that code made).

CREATE TABLE IF NOT EXISTS WR_LEASES (
  NAME VARCHAR(200) PRIMARY KEY,
  HOLDER VARCHAR(200) NOT NULL,
  EPOCH BIGINT NOT NULL,
  EXPIRES_AT TIMESTAMP NOT NULL
);
