"use client";
// The Sessions page: the browsers the signed-in person is signed in with (this one marked), when
// they signed in and were last used, the applications authorized in each, and a way to end any.
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Page, PageHeader } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { useEndSession, useOwnSessions } from "@/lib/client/sessions";
import type { SessionDto } from "@/lib/sessions/schemas";

export function SessionsPage() {
  const sessions = useOwnSessions();
  const [ending, setEnding] = useState<SessionDto | null>(null);
  return (
    <Page>
      <PageHeader
        title="Sessions"
        description="The browsers you are signed in with. Ending a session signs that browser out and stops the applications authorized in it, except those given offline access."
      />
      {sessions.isPending && <p className="text-muted-foreground text-sm">Loading sessions…</p>}
      {sessions.isError && <Alert role="alert">The sessions could not be loaded: {sessions.error.message}</Alert>}
      {sessions.data && (
        <ul aria-label="Sessions" className="grid gap-4">
          {sessions.data.map((session) => (
            <SessionItem key={session.id} session={session} onEnd={() => setEnding(session)} />
          ))}
        </ul>
      )}
      <EndSessionDialog session={ending} onClose={() => setEnding(null)} />
    </Page>
  );
}

function SessionItem({ session, onEnd }: { session: SessionDto; onEnd: () => void }) {
  const headingId = `session-${session.id}`;
  return (
    <li aria-labelledby={headingId}>
      <Card className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start">
        <div className="grid min-w-0 gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={headingId} className="break-words font-semibold">
              {session.device}
            </h2>
            {session.current && <Badge variant="default">This browser</Badge>}
          </div>
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-muted-foreground">Signed in</dt>
            <dd>
              <DateTime value={session.signedInAt} />
            </dd>
            <dt className="text-muted-foreground">Last used</dt>
            <dd>
              <DateTime value={session.lastUsedAt} />
            </dd>
            <dt className="text-muted-foreground">Applications</dt>
            <dd className="break-words">
              {session.applications.length === 0
                ? "None"
                : session.applications.map((application) => application.name).join(", ")}
            </dd>
          </dl>
        </div>
        <Button variant="outline" size="sm" onClick={onEnd} className="justify-self-start">
          {session.current ? "Sign out here" : "End session"}
        </Button>
      </Card>
    </li>
  );
}

function EndSessionDialog({ session, onClose }: { session: SessionDto | null; onClose: () => void }) {
  const endSession = useEndSession();
  const notify = useToast();
  const close = () => {
    endSession.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={session !== null}
      onOpenChange={(open) => !open && close()}
      title={session?.current ? "Sign out of this browser?" : "End this session?"}
      description={
        session
          ? `${session.device} will be signed out${
              session.applications.length > 0
                ? `, and ${session.applications.map((application) => application.name).join(", ")} lose the access authorized in it (unless given offline access)`
                : ""
            }.`
          : null
      }
      confirmLabel="End session"
      busyLabel="Ending…"
      busy={endSession.isPending}
      error={endSession.error?.message}
      onConfirm={() =>
        session &&
        endSession.mutate(session.id, {
          onSuccess: () => {
            if (session.current) {
              window.location.assign("/sign-in");
              return;
            }
            notify(`Session on ${session.device} ended.`);
            close();
          },
        })
      }
    />
  );
}
