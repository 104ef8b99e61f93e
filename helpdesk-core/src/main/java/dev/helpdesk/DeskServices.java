package dev.helpdesk;

import dev.helpdesk.common.Leases;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.internal.answers.Answers;
import dev.helpdesk.internal.assignment.AssignmentService;
import dev.helpdesk.internal.audit.StaffAudit;
import dev.helpdesk.internal.change.Listeners;
import dev.helpdesk.internal.conversation.Conversation;
import dev.helpdesk.internal.insights.Insights;
import dev.helpdesk.internal.intake.Intake;
import dev.helpdesk.internal.links.Links;
import dev.helpdesk.internal.live.LiveFeed;
import dev.helpdesk.internal.notification.NotificationDispatcher;
import dev.helpdesk.internal.pending.FollowUpSweep;
import dev.helpdesk.internal.privacy.Privacy;
import dev.helpdesk.internal.reading.Reading;
import dev.helpdesk.internal.satisfaction.Satisfaction;
import dev.helpdesk.internal.triage.Triage;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.ticket.MessageThreads;
import java.time.Clock;
import java.util.Optional;

/** The services of one desk, as {@link HelpDeskBuilder#build()} assembled them. */
record DeskServices(
    Clock clock,
    Intake intake,
    Conversation conversation,
    AssignmentService assignment,
    Triage triage,
    Satisfaction satisfaction,
    Links links,
    Answers answers,
    Reading reading,
    Insights insights,
    Listeners listeners,
    LiveFeed live,
    NotificationDispatcher dispatcher,
    Outbox outbox,
    UnitOfWork unitOfWork,
    MessageThreads messageThreads,
    Leases leases,
    StaffAudit audit,
    Privacy privacy,
    FollowUpSweep pendingFollowUp,
    Optional<SlaMonitor> slaMonitor) {}
