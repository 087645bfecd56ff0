from ehcplan.cli import main

raise SystemExit(main())
