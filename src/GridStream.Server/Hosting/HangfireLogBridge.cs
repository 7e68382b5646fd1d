using Hangfire.Logging;

namespace GridStream.Server.Hosting;

/// <summary>
/// Hangfire's log provider is process-wide (one static), while its servers belong to hosts. Its own bridge keeps the
/// logger factory of the last host that configured it and throws once that host is disposed, which stalls the
/// Hangfire servers of the hosts still running (the tests run several in one process). This bridge writes to the
/// factory it was given and drops messages once that factory is gone.
/// </summary>
internal sealed class HangfireLogBridge(ILoggerFactory loggerFactory) : ILogProvider
{
    public ILog GetLogger(string name) => new ForwardingLog(loggerFactory, name);

    private sealed class ForwardingLog(ILoggerFactory loggerFactory, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            ILogger logger;
            try
            {
                logger = loggerFactory.CreateLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            var level = ToMicrosoftLevel(logLevel);
            if (messageFunc is null)
            {
                return logger.IsEnabled(level);
            }

            if (logger.IsEnabled(level))
            {
#pragma warning disable CA2254 // Hangfire hands over finished messages, not templates.
                logger.Log(level, 0, exception, messageFunc());
#pragma warning restore CA2254
            }

            return true;
        }

        private static Microsoft.Extensions.Logging.LogLevel ToMicrosoftLevel(Hangfire.Logging.LogLevel level) => level switch
        {
            Hangfire.Logging.LogLevel.Trace => Microsoft.Extensions.Logging.LogLevel.Trace,
            Hangfire.Logging.LogLevel.Debug => Microsoft.Extensions.Logging.LogLevel.Debug,
            Hangfire.Logging.LogLevel.Info => Microsoft.Extensions.Logging.LogLevel.Information,
            Hangfire.Logging.LogLevel.Warn => Microsoft.Extensions.Logging.LogLevel.Warning,
            Hangfire.Logging.LogLevel.Error => Microsoft.Extensions.Logging.LogLevel.Error,
            _ => Microsoft.Extensions.Logging.LogLevel.Critical,
        };
    }
}
