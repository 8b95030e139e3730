-- Roles, invitation links that expire, and where each membership came from.

-- Coordinators: nothing moves. The role column already says who coordinates, and today's
-- coordinators keep their role, including administrators of a linked group whom the old rule
-- made coordinators: a migration cannot tell who was trusted on purpose, and taking the role
-- away silently could leave a committee with nobody to coordinate it. From now on only a
-- coordinator names another (conversations/committees/members.py).

-- Links expire: each committee chooses after how many days (/parametres), 30 by default.
ALTER TABLE committees ADD COLUMN invitation_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE invitations ADD COLUMN expires_at TEXT;
-- Links made before this migration expire like new ones: 30 days after they were made.
UPDATE invitations
SET expires_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', created_at, '+30 days');

-- The link a membership came from, so a coordinator sees who joined by which link. Links are
-- turned off, never deleted; memberships made before this migration name no link.
ALTER TABLE memberships ADD COLUMN invitation_token TEXT
    REFERENCES invitations (token) ON DELETE SET NULL;
CREATE INDEX memberships_by_invitation ON memberships (invitation_token);
