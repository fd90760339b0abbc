"""Technical services shared by every context: settings, database, i18n."""
