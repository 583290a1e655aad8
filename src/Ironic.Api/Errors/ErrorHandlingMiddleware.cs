using Ironic.Drivers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ironic.Api.Errors;

/// <summary>
/// The one place exceptions become responses: an <see cref="IronicException"/> answers with its own
/// status, message and headers; anything else is a 500 whose body reveals no internals.
/// </summary>
internal sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (IronicException e) when (!context.Response.HasStarted)
        {
            if (e.Code >= 500)
            {
                LogServerError(e, context.Request.Method, context.Request.Path);
            }

            await ErrorBody.WriteAsync(context, e.Code, e.Message, e.Headers).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var message = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "Request body is too large."
                : e.Message;
            await ErrorBody.WriteAsync(context, e.StatusCode, message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogUnexpected(e, context.Request.Method, context.Request.Path);
            await ErrorBody.WriteAsync(context, 500,
                "An internal error occurred; the server log has the details. Please report it if it persists.").ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogServerError(Exception e, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error serving {Method} {Path}")]
    private partial void LogUnexpected(Exception e, string method, string path);
}
