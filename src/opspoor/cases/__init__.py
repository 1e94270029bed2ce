"""Cases and referrals: users and teams, cases with their evidence, the audit log, retention
and the referral dossier (HTML, PDF and an FtM bundle)."""
