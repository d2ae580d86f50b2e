package com.warroom.bot.store;

import com.warroom.bot.engine.TestRedis;

/** The store's contract on the Redis store (its Lua scripts), the one before issue 15. */
class RedisIncidentStoreTests extends IncidentStoreContract {

	@Override
	protected FieldIncidentStore open() {
		return new RedisIncidentStore(TestRedis.fresh(), SHANGHAI);
	}

}
