/**
 * The desk's scheduled work, for applications without a scheduler of their own: {@link
 * dev.helpdesk.jobs.DeskJobs#standard DeskJobs.standard} lists the desk's jobs at the {@link
 * dev.helpdesk.jobs.JobIntervals intervals} chosen, and a {@link dev.helpdesk.jobs.DeskScheduler}
 * runs them until it is closed. Every job is safe to run on several instances of the application at
 * once: each ticket, notification and timer is claimed or changed under optimistic locking, so only
 * one instance does (and counts) each piece of work.
 */
package dev.helpdesk.jobs;
