from __future__ import annotations

from traingate.cli import main

raise SystemExit(main())
