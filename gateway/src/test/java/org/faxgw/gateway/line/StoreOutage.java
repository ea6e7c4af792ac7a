package org.faxgw.gateway.line;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.JobStoreException;

/**
 * A job store whose database can be made unreachable: while {@code down} is set, every call fails
 * as the real stores fail when their database does not answer (a {@link JobStoreException});
 * otherwise calls go to the real store underneath.
 */
public final class StoreOutage {
  private StoreOutage() {}

  public static JobStore wrap(JobStore real, AtomicBoolean down) {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, method, args) -> {
              if (down.get() && !method.getName().equals("close")) {
                throw new JobStoreException(
                    method.getName() + ": connection refused (database unreachable)", null);
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
