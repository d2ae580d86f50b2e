package com.warroom.bot;

import java.util.Comparator;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.ClassDescriptor;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Runs the test classes that share an application context one after the other (GH-14):
 * only one test context lives at a time ({@code spring.test.context.cache.maxSize=1} in
 * {@code spring.properties}), so a class of another context in between closed the shared
 * one and the next class of the group started it again. A class belongs to the group of
 * its nearest superclass annotated with {@link SpringBootTest} (e.g.
 * {@code SignedInWebTests}, {@code LocalWebTests}); the groups and the other classes run
 * in the order of their names. Set in {@code junit-platform.properties}.
 */
public final class SharedContextsTogether implements ClassOrderer {

	@Override
	public void orderClasses(ClassOrdererContext context) {
		context.getClassDescriptors().sort(Comparator.comparing(SharedContextsTogether::group));
	}

	/**
	 * The name of the class whose context {@code descriptor}'s class uses, or its own
	 * name.
	 */
	static String group(ClassDescriptor descriptor) {
		Class<?> test = descriptor.getTestClass();
		for (Class<?> type = test.getSuperclass(); type != null && type != Object.class; type = type.getSuperclass()) {
			if (type.isAnnotationPresent(SpringBootTest.class)) {
				return type.getName();
			}
		}
		return test.getName();
	}

}
