import { useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import './admin.css';
import { PurgeSection } from './purge-section.js';
import { QueueDepthSection } from './queue-depth-section.js';

/** Admins only: queue depth per type and bulk deletion by date. Others are told why they see nothing (the API would refuse them anyway). */
export function AdminPage() {
  const { caller } = useSession();
  const [purges, setPurges] = useState(0);
  if (!caller.admin) {
    return (
      <section class="admin">
        <h1>Admin</h1>
        <p class="info-note" role="alert">
          This page needs the admin role. You are signed in as <strong>{caller.sub}</strong>
          {caller.roles.length > 0 ? ` with the roles ${caller.roles.join(', ')}` : ' with no roles'}; ask for a token with the role “admin”.
        </p>
      </section>
    );
  }
  return (
    <section class="admin">
      <h1>Admin</h1>
      <QueueDepthSection reloads={purges} />
      <PurgeSection onDeleted={() => setPurges((count) => count + 1)} />
    </section>
  );
}
