package org.faxgw.gateway.hfaxd;

import java.util.HashSet;
import java.util.Set;
import org.faxgw.gateway.admin.AdminJobs;

/**
 * The job identifiers JNEW announces before the job exists in the store (hfaxd tells the id at
 * JNEW; the store assigns it at submit). The next free id is the store's next id, skipping those
 * other sessions hold. A mail accepted between JNEW and JSUBM can take the announced id; the JSUBM
 * reply then names the real one (known limit, see the package notes).
 */
final class JobIds {
  private final AdminJobs jobs;
  private final Set<Long> held = new HashSet<>();

  JobIds(AdminJobs jobs) {
    this.jobs = jobs;
  }

  synchronized long reserve() {
    long max = jobs.nextId() - 1;
    for (long h : held) {
      max = Math.max(max, h);
    }
    long id = max + 1;
    held.add(id);
    return id;
  }

  synchronized void release(long id) {
    held.remove(id);
  }
}
