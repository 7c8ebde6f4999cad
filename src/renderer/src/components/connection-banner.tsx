/** Says why nothing will work: the serve-mode backend went away or was never reached. */
export function ConnectionBanner({ message }: { message: string }) {
  return (
    <div className="banner" role="alert" data-testid="connection-banner">
      {message}
    </div>
  );
}
