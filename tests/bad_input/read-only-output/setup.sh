OUT=/proc/briefs-site
