package com.warroom.notify.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

import org.quartz.SchedulerConfigException;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * Spring's job store, but on a connection provider registered under a name of its own.
 * Spring registers the job store's DataSource JVM-wide under the scheduler's name, and
 * every member of a Quartz cluster must have the same scheduler name: two members in one
 * JVM (the two-instance tests) would otherwise share one pool, and closing one context
 * would close the other's. The scheduler's name, and so its rows and locks, is unchanged.
 */
public class OwnDataSourceJobStore extends LocalDataSourceJobStore {

	private final String own = UUID.randomUUID().toString();

	@Override
	public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
		DataSource transactional = SchedulerFactoryBean.getConfigTimeDataSource();
		DataSource plain = SchedulerFactoryBean.getConfigTimeNonTransactionalDataSource();
		super.initialize(loadHelper, signaler);
		DataSource nonTransactional = (plain != null) ? plain : transactional;
		String tx = TX_DATA_SOURCE_PREFIX + getInstanceName() + "." + own;
		String nonTx = NON_TX_DATA_SOURCE_PREFIX + getInstanceName() + "." + own;
		DBConnectionManager.getInstance().addConnectionProvider(tx, new Provider(transactional, true));
		DBConnectionManager.getInstance().addConnectionProvider(nonTx, new Provider(nonTransactional, false));
		setDataSource(tx);
		setNonManagedTXDataSource(nonTx);
	}

	private record Provider(DataSource dataSource, boolean transactional) implements ConnectionProvider {

		@Override
		public Connection getConnection() throws SQLException {
			// the transactional one takes part in Spring's
			// transactions, like Spring's own
			return transactional ? DataSourceUtils.doGetConnection(dataSource) : dataSource.getConnection();
		}

		@Override
		public void shutdown() {
			// the pool is Spring's to close
		}

		@Override
		public void initialize() {
		}

	}

}
